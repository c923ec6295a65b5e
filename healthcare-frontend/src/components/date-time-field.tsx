import { useState } from 'react';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { formatDateLabel, isClockTime, isIsoDate, normalizeDateInput, normalizeTimeInput } from '../lib/time';

type FieldProps = Omit<TextFieldProps, 'type' | 'value' | 'onChange'> & {
  value: string;
  /** The text as typed (tidied when the field loses focus); check it with isIsoDate / isClockTime. */
  onChange: (value: string) => void;
};

const KINDS = {
  date: { hint: 'YYYY-MM-DD', valid: isIsoDate, normalize: normalizeDateInput, maxLength: 10 },
  time: { hint: 'HH:MM', valid: isClockTime, normalize: normalizeTimeInput, maxLength: 5 },
} as const;

/**
 * A date (`YYYY-MM-DD`) or 24-hour time (`HH:MM`) typed as text, the same in every browser (see
 * lib/time.ts). A date it can read is echoed below as the pages show dates ("Mon 4 Jan 2027"); text
 * it cannot read says the format once the field is left. A `helperText` passed in (the API's field error) comes first.
 */
function ClockField({ kind, value, onChange, helperText, error, slotProps, ...props }: FieldProps & { kind: keyof typeof KINDS }) {
  const spec = KINDS[kind];
  // Half-typed text is no mistake yet: the format is pointed out once the field is left.
  const [typing, setTyping] = useState(false);
  const unreadable = !typing && value !== '' && !spec.valid(value);
  const echo = kind === 'date' && spec.valid(value) ? formatDateLabel(value, 'EEE d MMM yyyy') : undefined;
  return (
    <TextField
      {...props}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onFocus={() => setTyping(true)}
      onBlur={() => {
        setTyping(false);
        if (value !== spec.normalize(value)) onChange(spec.normalize(value));
      }}
      placeholder={spec.hint}
      error={Boolean(error) || unreadable}
      helperText={helperText || (unreadable ? `Use ${spec.hint}${kind === 'time' ? ', 24-hour' : ''}` : echo)}
      slotProps={{
        ...slotProps,
        inputLabel: { shrink: true },
        htmlInput: { inputMode: 'numeric', maxLength: spec.maxLength, ...(slotProps?.htmlInput as object) },
      }}
    />
  );
}

export function DateField(props: FieldProps) {
  return <ClockField kind="date" {...props} />;
}

export function TimeField(props: FieldProps) {
  return <ClockField kind="time" {...props} />;
}
