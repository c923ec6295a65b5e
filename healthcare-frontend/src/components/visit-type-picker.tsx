import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useCurrency } from '../lib/api';
import { useListVisitTypesQuery } from '../lib/doctor-api';
import { formatMoney } from '../lib/format';
import type { Doctor, VisitType } from '../lib/types';

/** "45 min · €120.00", and the set-up time when there is one (it is why later times vanish). */
export function visitTypeSummary(visitType: VisitType, currency?: string): string {
  return `${visitType.duration_minutes} min · ${formatMoney(visitType.fee, currency)}`;
}

/**
 * Chooses the kind of visit before a time: each type has its own length and fee, so the free
 * times depend on it. Renders nothing for a doctor without visit types (plain slots as before).
 */
export function VisitTypePicker({
  doctor,
  value,
  onChange,
}: {
  doctor: Doctor;
  value: VisitType | null;
  onChange: (visitType: VisitType | null) => void;
}) {
  const currency = useCurrency();
  const { data } = useListVisitTypesQuery(doctor.id);
  const types = (data ?? []).filter((visitType) => visitType.active);
  if (types.length === 0) return null;
  const labelId = `visit-type-label-${doctor.id}`;
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mb: 2 }}>
      <Typography component="legend" id={labelId} sx={{ fontWeight: 600, mb: 0.5 }}>
        Type of visit
      </Typography>
      <RadioGroup
        aria-labelledby={labelId}
        value={value ? String(value.id) : ''}
        onChange={(event) => onChange(types.find((t) => String(t.id) === event.target.value) ?? null)}
        sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(auto-fill, minmax(220px, 1fr))' }, gap: 1 }}
      >
        <VisitTypeOption
          value=""
          name="Standard visit"
          detail={`${doctor.slot_minutes} min · ${formatMoney(doctor.consultation_fee, currency)}`}
        />
        {types.map((visitType) => (
          <VisitTypeOption
            key={visitType.id}
            value={String(visitType.id)}
            name={visitType.name}
            detail={visitTypeSummary(visitType, currency)}
          />
        ))}
      </RadioGroup>
    </Box>
  );
}

function VisitTypeOption({ value, name, detail }: { value: string; name: string; detail: string }) {
  return (
    <FormControlLabel
      value={value}
      control={<Radio size="small" />}
      sx={{ m: 0, pr: 1.5, border: '1px solid', borderColor: 'divider', borderRadius: 2, alignItems: 'center' }}
      label={
        <Box sx={{ py: 0.5 }}>
          <Typography sx={{ fontWeight: 600, lineHeight: 1.3 }}>{name}</Typography>
          <Typography variant="body2" color="text.secondary">
            {detail}
          </Typography>
        </Box>
      }
    />
  );
}
