import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import type { ReminderLead } from '../../lib/types';

/** One reminder as edited: hours as text, so the field can be empty while typing. */
export interface ReminderRow {
  channel: ReminderLead['channel'];
  hours: string;
}

export const toReminderRows = (schedule: ReminderLead[]): ReminderRow[] =>
  schedule.map((lead) => ({ channel: lead.channel, hours: String(lead.hours_before) }));

export const toReminderSchedule = (rows: ReminderRow[]): ReminderLead[] =>
  rows.map((row) => ({ channel: row.channel, hours_before: Number(row.hours) }));

interface Props {
  rows: ReminderRow[];
  fallbackHours: string;
  error?: string;
  onChange: (rows: ReminderRow[]) => void;
}

export function ReminderScheduleField({ rows, fallbackHours, error, onChange }: Props) {
  const update = (index: number, change: Partial<ReminderRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));

  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle1">
        Reminder schedule
      </Typography>
      <Typography variant="body2" color={error ? 'error' : 'text.secondary'} sx={{ mb: 1.5 }}>
        {error ??
          (rows.length
            ? 'Each reminder is sent once per visit; a moved visit is reminded again of its new time.'
            : `No schedule: one reminder by email and SMS ${fallbackHours || '?'} hours before the visit.`)}
      </Typography>
      <Stack spacing={1.5}>
        {rows.map((row, index) => (
          <Stack key={index} direction="row" spacing={1.5} alignItems="center">
            <TextField
              select
              size="small"
              label={`Reminder ${index + 1} channel`}
              value={row.channel}
              onChange={(e) => update(index, { channel: e.target.value as ReminderRow['channel'] })}
              sx={{ minWidth: 160 }}
            >
              <MenuItem value="email">Email</MenuItem>
              <MenuItem value="sms">SMS</MenuItem>
            </TextField>
            <TextField
              size="small"
              type="number"
              label={`Reminder ${index + 1} hours before`}
              value={row.hours}
              onChange={(e) => update(index, { hours: e.target.value })}
              slotProps={{ htmlInput: { min: 1, step: 1, inputMode: 'numeric' } }}
              sx={{ maxWidth: 220 }}
            />
            <IconButton aria-label={`Remove reminder ${index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
              <DeleteOutlineIcon />
            </IconButton>
          </Stack>
        ))}
        <Box>
          <Button startIcon={<AddIcon />} onClick={() => onChange([...rows, { channel: 'email', hours: '24' }])}>
            Add reminder
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}
