import { useEffect } from 'react';
import { useGetSettingsQuery } from './api';

/**
 * Names the browser tab after the page: "My appointments · Riverside Clinic". Every page calls it
 * once with its own title (the clinic's name alone when it has none), so tabs, history and
 * screen readers tell the pages apart.
 */
export function usePageTitle(title?: string) {
  const clinic = useGetSettingsQuery().data?.clinic_name || 'Clinic';
  useEffect(() => {
    document.title = title ? `${title} · ${clinic}` : clinic;
  }, [title, clinic]);
}
