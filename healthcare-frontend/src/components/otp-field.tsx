import TextField from '@mui/material/TextField';

interface OtpFieldProps {
  label?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string[];
  helperText?: string;
  autoFocus?: boolean;
}

/** A two-factor code: the authenticator app's 6 digits, or a recovery code. */
export function OtpField({ label = 'Code', value, onChange, error, helperText, autoFocus }: OtpFieldProps) {
  return (
    <TextField
      label={label}
      name="otp"
      autoComplete="one-time-code"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={Boolean(error)}
      helperText={error?.join(' ') ?? helperText}
      slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 32 } }}
      sx={{ maxWidth: 320 }}
      autoFocus={autoFocus}
      required
    />
  );
}
