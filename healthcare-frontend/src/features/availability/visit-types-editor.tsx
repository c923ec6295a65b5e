import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import { ErrorState, LoadingState } from '../../components/page-states';
import { useCurrency } from '../../lib/api';
import { useListVisitTypesQuery } from '../../lib/doctor-api';
import { errorMessage, fieldErrors, otherFieldMessages } from '../../lib/errors';
import { formatMoney } from '../../lib/format';
import { useCreateVisitTypeMutation, useDeleteVisitTypeMutation, useUpdateVisitTypeMutation } from './api';

const FIELDS = ['name', 'duration_minutes', 'buffer_minutes', 'fee'] as const;
const EMPTY = { name: '', duration_minutes: '30', buffer_minutes: '0', fee: '' };

/** The kinds of visit a doctor offers: each with its own length, set-up time after it, and fee. */
export function VisitTypesEditor({ doctorId }: { doctorId: number }) {
  const currency = useCurrency();
  const { data, error, isLoading, refetch } = useListVisitTypesQuery(doctorId);
  const [create, creation] = useCreateVisitTypeMutation();
  const [update, updating] = useUpdateVisitTypeMutation();
  const [remove, removal] = useDeleteVisitTypeMutation();
  const [draft, setDraft] = useState(EMPTY);
  const errors = fieldErrors(creation.error);
  const unplaced = otherFieldMessages(errors, FIELDS);

  async function handleAdd(event: FormEvent) {
    event.preventDefault();
    const body = {
      doctor: doctorId,
      name: draft.name.trim(),
      duration_minutes: Number(draft.duration_minutes),
      buffer_minutes: Number(draft.buffer_minutes || 0),
      fee: draft.fee.trim(),
      active: true,
    };
    const created = await create(body).unwrap().catch(() => null);
    if (created) setDraft(EMPTY);
  }

  if (error) return <ErrorState error={error} title="We couldn't load your visit types" onRetry={refetch} />;
  if (isLoading || !data) return <LoadingState label="Loading visit types…" />;
  const problem = removal.error ?? updating.error;

  return (
    <Box>
      <Box component="form" onSubmit={handleAdd} noValidate aria-label="Add a visit type" sx={{ mb: 2 }}>
        {creation.error && (Object.keys(errors).length === 0 || unplaced.length > 0) && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {unplaced.length ? unplaced.join(' ') : errorMessage(creation.error)}
          </Alert>
        )}
        <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr 1fr', sm: '2fr 1fr 1fr 1fr auto' }, alignItems: 'start' }}>
          <TextField
            size="small"
            label="Name"
            placeholder="First consultation"
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            error={Boolean(errors.name)}
            helperText={errors.name?.join(' ')}
            sx={{ gridColumn: { xs: '1 / -1', sm: 'auto' } }}
          />
          <TextField
            size="small"
            type="number"
            label="Minutes"
            value={draft.duration_minutes}
            onChange={(e) => setDraft({ ...draft, duration_minutes: e.target.value })}
            error={Boolean(errors.duration_minutes)}
            helperText={errors.duration_minutes?.join(' ')}
            slotProps={{ htmlInput: { min: 5, max: 480, step: 5 } }}
          />
          <TextField
            size="small"
            type="number"
            label="Buffer after"
            value={draft.buffer_minutes}
            onChange={(e) => setDraft({ ...draft, buffer_minutes: e.target.value })}
            error={Boolean(errors.buffer_minutes)}
            helperText={errors.buffer_minutes?.join(' ') ?? 'Set-up minutes'}
            slotProps={{ htmlInput: { min: 0, max: 240, step: 5 } }}
          />
          <TextField
            size="small"
            label="Fee"
            inputMode="decimal"
            value={draft.fee}
            onChange={(e) => setDraft({ ...draft, fee: e.target.value })}
            error={Boolean(errors.fee)}
            helperText={errors.fee?.join(' ')}
          />
          <Button type="submit" variant="contained" startIcon={<AddIcon />} loading={creation.isLoading} sx={{ height: 40 }}>
            Add
          </Button>
        </Box>
      </Box>
      {problem && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {errorMessage(problem)}
        </Alert>
      )}
      {data.length === 0 ? (
        <Typography color="text.secondary">
          No visit types: patients book your standard visit. Add types for visits of another length or fee.
        </Typography>
      ) : (
        <List aria-label="Visit types" disablePadding>
          {data.map((visitType) => (
            <ListItem
              key={visitType.id}
              divider
              secondaryAction={
                <Box sx={{ display: 'flex', alignItems: 'center' }}>
                  <Tooltip title={visitType.active ? 'Offered to patients' : 'Not offered'}>
                    <Switch
                      checked={visitType.active}
                      onChange={(e) => void update({ id: visitType.id, active: e.target.checked })}
                      slotProps={{ input: { 'aria-label': `Offer ${visitType.name}` } }}
                    />
                  </Tooltip>
                  <IconButton edge="end" aria-label={`Delete ${visitType.name}`} onClick={() => void remove(visitType.id)}>
                    <DeleteOutlineIcon />
                  </IconButton>
                </Box>
              }
              sx={{ pr: 14, opacity: visitType.active ? 1 : 0.6 }}
            >
              <ListItemText
                primary={visitType.name}
                secondary={`${visitType.duration_minutes} min${
                  visitType.buffer_minutes ? ` + ${visitType.buffer_minutes} min set-up` : ''
                } · ${formatMoney(visitType.fee, currency)}`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}
