import { useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import SearchIcon from '@mui/icons-material/Search';
import { DateField } from '../../components/date-time-field';
import { isIsoDate } from '../../lib/time';
import type { DoctorFilters, DoctorOrdering } from '../../lib/types';
import { useListSpecialtiesQuery } from './api';

export const ORDERING_OPTIONS: { value: DoctorOrdering; label: string }[] = [
  { value: 'next_available', label: 'Next available' },
  { value: 'name', label: 'Name (A–Z)' },
  { value: 'consultation_fee', label: 'Fee: low to high' },
  { value: '-consultation_fee', label: 'Fee: high to low' },
];

export type SearchFilters = Required<Pick<DoctorFilters, 'specialty' | 'city' | 'search' | 'available_on' | 'ordering'>>;

export function DoctorFiltersForm({
  value,
  onChange,
}: {
  value: SearchFilters;
  onChange: (filters: SearchFilters) => void;
}) {
  const specialties = useListSpecialtiesQuery();
  // Text inputs apply on submit; selects and the date apply at once.
  const [draft, setDraft] = useState(value);

  function apply(next: Partial<SearchFilters>) {
    const merged = { ...draft, ...next };
    setDraft(merged);
    onChange(merged);
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    onChange({ ...draft, search: draft.search.trim(), city: draft.city.trim() });
  }

  return (
    <Box
      component="form"
      role="search"
      aria-label="Find a doctor"
      onSubmit={handleSubmit}
      sx={{
        display: 'grid',
        gap: 1.5,
        gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', md: '1.4fr 1fr 1fr 1fr 1fr auto' },
        alignItems: 'start',
      }}
    >
      <TextField
        label="Name or clinic"
        type="search"
        value={draft.search}
        onChange={(e) => setDraft({ ...draft, search: e.target.value })}
        size="small"
      />
      <TextField
        select
        label="Specialty"
        value={draft.specialty}
        onChange={(e) => apply({ specialty: e.target.value })}
        size="small"
        helperText={specialties.isError ? "Couldn't load specialties" : undefined}
      >
        <MenuItem value="">All specialties</MenuItem>
        {(specialties.data ?? []).map((s) => (
          <MenuItem key={s.id} value={s.name}>
            {s.name}
          </MenuItem>
        ))}
      </TextField>
      <TextField label="City" value={draft.city} onChange={(e) => setDraft({ ...draft, city: e.target.value })} size="small" />
      <DateField
        label="Available on"
        value={draft.available_on}
        // Applies at once, like the selects, but only a whole date (or none): not every keystroke.
        onChange={(day) => (day === '' || isIsoDate(day) ? apply({ available_on: day }) : setDraft({ ...draft, available_on: day }))}
        size="small"
      />
      <TextField
        select
        label="Sort by"
        value={draft.ordering}
        onChange={(e) => apply({ ordering: e.target.value as DoctorOrdering })}
        size="small"
      >
        {ORDERING_OPTIONS.map((o) => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </TextField>
      <Button type="submit" variant="contained" startIcon={<SearchIcon />} sx={{ height: 40 }}>
        Search
      </Button>
    </Box>
  );
}
