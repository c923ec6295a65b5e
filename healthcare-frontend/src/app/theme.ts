import { createTheme } from '@mui/material/styles';

// A calm, clinical palette: deep teal for actions, soft blue-grey surfaces, and status colours
// that keep enough contrast (WCAG AA) for text on white.
export const theme = createTheme({
  palette: {
    mode: 'light',
    primary: { main: '#0b6e79', dark: '#064f57', light: '#4e9ea7', contrastText: '#ffffff' },
    secondary: { main: '#3b5b92', contrastText: '#ffffff' },
    success: { main: '#2e7d32' },
    warning: { main: '#9a5b00' },
    error: { main: '#c62828' },
    info: { main: '#1565c0' },
    background: { default: '#f4f7f9', paper: '#ffffff' },
    text: { primary: '#17252e', secondary: '#4a5a66' },
    divider: '#dde5ea',
  },
  shape: { borderRadius: 10 },
  typography: {
    fontFamily:
      '"Inter", "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Roboto, Arial, sans-serif',
    h1: { fontSize: '2.25rem', fontWeight: 700, letterSpacing: '-0.02em' },
    h2: { fontSize: '1.75rem', fontWeight: 700, letterSpacing: '-0.01em' },
    h3: { fontSize: '1.35rem', fontWeight: 600 },
    h4: { fontSize: '1.15rem', fontWeight: 600 },
    h5: { fontSize: '1.05rem', fontWeight: 600 },
    h6: { fontSize: '1rem', fontWeight: 600 },
    button: { textTransform: 'none', fontWeight: 600 },
  },
  components: {
    MuiAppBar: {
      defaultProps: { elevation: 0, color: 'inherit' },
      styleOverrides: { root: { borderBottom: '1px solid #dde5ea', backgroundColor: '#ffffff' } },
    },
    MuiCard: {
      defaultProps: { variant: 'outlined' },
      styleOverrides: { root: { borderColor: '#dde5ea' } },
    },
    MuiPaper: { styleOverrides: { outlined: { borderColor: '#dde5ea' } } },
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTextField: { defaultProps: { fullWidth: true } },
    MuiChip: { styleOverrides: { root: { fontWeight: 600 } } },
    MuiTableCell: { styleOverrides: { head: { fontWeight: 700, color: '#4a5a66' } } },
  },
});
