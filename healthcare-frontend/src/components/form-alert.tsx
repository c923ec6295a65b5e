import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import type { SxProps, Theme } from '@mui/material/styles';

/** A form's error above its fields (the API's readable detail, see lib/errors formAlert); nothing without one. */
export function FormAlert({ children, sx }: { children: ReactNode; sx?: SxProps<Theme> }) {
  if (!children) return null;
  return (
    <Alert severity="error" role="alert" sx={sx}>
      {children}
    </Alert>
  );
}
