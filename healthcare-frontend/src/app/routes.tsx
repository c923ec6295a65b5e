import { Navigate, type RouteObject } from 'react-router';
import { AppLayout } from './layouts/app-layout';
import { lazyPage } from './lazy-page';
import { NotFoundPage, RouteErrorPage } from './not-found-page';
import { GuestOnly, HomeRoute, RequireRole } from './route-guards';

// Every page is its own chunk: the first load carries only the shell (layout, store, router).
const DoctorSearchPage = lazyPage(() => import('../features/doctors/doctor-search-page'), 'DoctorSearchPage');
const DoctorBookingPage = lazyPage(() => import('../features/booking/doctor-booking-page'), 'DoctorBookingPage');
const LoginPage = lazyPage(() => import('../features/auth/login-page'), 'LoginPage');
const RegisterPage = lazyPage(() => import('../features/auth/register-page'), 'RegisterPage');
const ForgotPasswordPage = lazyPage(() => import('../features/auth/password-reset-pages'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyPage(() => import('../features/auth/password-reset-pages'), 'ResetPasswordPage');
const VerifyEmailPage = lazyPage(() => import('../features/auth/verify-email-page'), 'VerifyEmailPage');
const ProfilePage = lazyPage(() => import('../features/auth/profile-page'), 'ProfilePage');
const SecurityPage = lazyPage(() => import('../features/auth/security-page'), 'SecurityPage');
const MyAppointmentsPage = lazyPage(() => import('../features/appointments/my-appointments-page'), 'MyAppointmentsPage');
const DoctorDashboardPage = lazyPage(() => import('../features/appointments/doctor-dashboard-page'), 'DoctorDashboardPage');
const MyRecordsPage = lazyPage(() => import('../features/records/my-records-page'), 'MyRecordsPage');
const DoctorPatientPage = lazyPage(() => import('../features/records/doctor-patient-page'), 'DoctorPatientPage');
const AvailabilityPage = lazyPage(() => import('../features/availability/availability-page'), 'AvailabilityPage');
const UsersPage = lazyPage(() => import('../features/admin/users-page'), 'UsersPage');
const SettingsPage = lazyPage(() => import('../features/admin/settings-page'), 'SettingsPage');
const WaitlistPage = lazyPage(() => import('../features/waitlist/waitlist-page'), 'WaitlistPage');
const WaitlistOfferPage = lazyPage(() => import('../features/waitlist/waitlist-offer-page'), 'WaitlistOfferPage');
const VisitLinkPage = lazyPage(() => import('../features/visit-links/visit-link-page'), 'VisitLinkPage');
const ReportsPage = lazyPage(() => import('../features/reports/reports-page'), 'ReportsPage');
const FrontDeskPage = lazyPage(() => import('../features/front-desk/front-desk-page'), 'FrontDeskPage');
const DeskWaitlistPage = lazyPage(() => import('../features/front-desk/desk-waitlist-page'), 'DeskWaitlistPage');
const ErasureRequestsPage = lazyPage(
  () => import('../features/privacy/erasure-requests-page'),
  'ErasureRequestsPage',
);

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomeRoute><DoctorSearchPage landing /></HomeRoute> },
      { path: 'doctors', element: <DoctorSearchPage /> },
      { path: 'doctors/:doctorId', element: <DoctorBookingPage /> },
      { path: 'login', element: <GuestOnly><LoginPage /></GuestOnly> },
      // A link from a message: works without logging in (the signed link is the credential).
      { path: 'visit/:token', element: <VisitLinkPage /> },
      { path: 'register', element: <GuestOnly fallback="/doctors"><RegisterPage /></GuestOnly> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'verify-email', element: <VerifyEmailPage /> },
      {
        element: <RequireRole roles={['patient', 'doctor', 'admin', 'front_desk']} />,
        children: [
          { path: 'profile', element: <ProfilePage /> },
          { path: 'security', element: <SecurityPage /> },
        ],
      },
      {
        element: <RequireRole roles={['patient', 'doctor', 'admin']} />,
        children: [
          { path: 'waitlist', element: <WaitlistPage /> },
          { path: 'waitlist/:entryId', element: <WaitlistOfferPage /> },
        ],
      },
      {
        element: <RequireRole roles={['patient']} />,
        children: [
          { path: 'appointments', element: <MyAppointmentsPage /> },
          { path: 'records', element: <MyRecordsPage /> },
        ],
      },
      {
        element: <RequireRole roles={['doctor']} />,
        children: [
          { path: 'doctor', element: <DoctorDashboardPage /> },
          { path: 'doctor/availability', element: <AvailabilityPage /> },
        ],
      },
      {
        element: <RequireRole roles={['doctor', 'admin']} />,
        children: [{ path: 'doctor/patients/:patientId', element: <DoctorPatientPage /> }],
      },
      {
        element: <RequireRole roles={['front_desk']} />,
        children: [
          { path: 'front-desk', element: <FrontDeskPage /> },
          { path: 'front-desk/waitlist', element: <DeskWaitlistPage /> },
        ],
      },
      {
        path: 'admin-area',
        element: <RequireRole roles={['admin']} />,
        children: [
          { index: true, element: <UsersPage /> },
          { path: 'users', element: <Navigate to="/admin-area" replace /> },
          { path: 'reports', element: <ReportsPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: 'erasure-requests', element: <ErasureRequestsPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
