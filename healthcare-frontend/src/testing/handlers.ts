import { http, HttpResponse } from 'msw';
import { buildSettings, paginated } from './builders';

/** Handlers every test gets; a test adds its own with `server.use(...)`. */
export const defaultHandlers = [
  http.get('/api/settings/', () => HttpResponse.json(buildSettings())),
  http.get('/api/specialties/', () =>
    HttpResponse.json([
      { id: 1, name: 'Cardiology' },
      { id: 2, name: 'Dermatology' },
    ]),
  ),
  http.get('/api/doctors/', () => HttpResponse.json(paginated([]))),
  // Doctors without visit types book plain slots, as before visit types existed.
  http.get('/api/visit-types/', () => HttpResponse.json(paginated([]))),
  http.get('/api/me/', () => HttpResponse.json({ detail: 'Authentication credentials were not provided.' }, { status: 401 })),
  http.get('/api/me/mfa/', () => HttpResponse.json({ enabled: false, required: false, recovery_codes_left: 0 })),
];
