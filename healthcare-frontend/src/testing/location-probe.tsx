import { useLocation } from 'react-router';

export function LocationProbe({ label = 'location' }: { label?: string }) {
  const location = useLocation();
  return <output aria-label={label}>{location.pathname + location.search}</output>;
}
