import { Link as RouterLink, isRouteErrorResponse, useRouteError } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { usePageTitle } from '../lib/page-title';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Box sx={{ textAlign: 'center', py: 8 }}>
      <Typography variant="h1">Page not found</Typography>
      <Typography color="text.secondary" sx={{ my: 2 }}>
        The page you were looking for doesn&apos;t exist or has moved.
      </Typography>
      <Button component={RouterLink} to="/" variant="contained">
        Go to the home page
      </Button>
    </Box>
  );
}

/** Shown when a route throws (a failed lazy chunk after a deploy, say). */
export function RouteErrorPage() {
  usePageTitle('Something went wrong');
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : 'An unexpected error occurred.';
  return (
    <Box sx={{ textAlign: 'center', py: 8, px: 2 }}>
      <Typography variant="h1">Something went wrong</Typography>
      <Typography color="text.secondary" sx={{ my: 2 }}>
        {message} Reloading the page usually helps.
      </Typography>
      <Button variant="contained" onClick={() => window.location.reload()}>
        Reload
      </Button>
    </Box>
  );
}
