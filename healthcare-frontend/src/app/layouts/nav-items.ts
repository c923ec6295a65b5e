import type { Role } from '../../lib/types';

export interface NavItem {
  label: string;
  to: string;
  /** A page outside the SPA (Django admin): a plain link, not a client route. */
  external?: boolean;
  /** Active only on an exact match (home-like items). */
  end?: boolean;
}

const ANONYMOUS: NavItem[] = [{ label: 'Find a doctor', to: '/doctors' }];

const BY_ROLE: Record<Role, NavItem[]> = {
  patient: [
    { label: 'Find a doctor', to: '/doctors' },
    { label: 'My appointments', to: '/appointments' },
    { label: 'History & records', to: '/records' },
    { label: 'Waitlist', to: '/waitlist' },
  ],
  doctor: [
    { label: 'Dashboard', to: '/doctor', end: true },
    { label: 'Availability', to: '/doctor/availability' },
    { label: 'Waitlist', to: '/waitlist' },
  ],
  admin: [
    { label: 'Users', to: '/admin-area', end: true },
    { label: 'Reports', to: '/admin-area/reports' },
    { label: 'Settings', to: '/admin-area/settings' },
    { label: 'Waitlist', to: '/waitlist' },
    { label: 'Erasure requests', to: '/admin-area/erasure-requests' },
    { label: 'Django admin', to: '/admin/', external: true },
  ],
  front_desk: [
    { label: 'Front desk', to: '/front-desk', end: true },
    { label: 'Waitlist', to: '/front-desk/waitlist' },
  ],
};

export function navItemsFor(role: Role | undefined): NavItem[] {
  return role ? BY_ROLE[role] : ANONYMOUS;
}
