import type { ReactNode } from 'react';
import Box from '@mui/material/Box';

// The usual clip pattern: off screen for sighted users, still read by assistive technology.
const visuallyHidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
} as const;

/**
 * Text for screen readers only. Prefer it to `aria-label` on controls with visible text: the
 * accessible name then starts with the words on screen (WCAG 2.5.3, "label in name"), so voice
 * control users can say what they see.
 */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return (
    <Box component="span" sx={visuallyHidden}>
      {children}
    </Box>
  );
}
