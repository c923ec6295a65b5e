import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { fullName } from '../../lib/format';
import type { Patient } from '../../lib/types';
import { useSearchPatientsQuery } from './api';
import { RegisterPatientDialog } from './register-patient-dialog';

/** Finds a patient by name, email or insurance number, or registers a new one. */
export function PatientFinder({ onSelect }: { onSelect: (patient: Patient) => void }) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [registering, setRegistering] = useState(false);
  // Ask the server once typing pauses, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const { data, isFetching } = useSearchPatientsQuery(search, { skip: search.length < 2 });

  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField
          label="Find a patient"
          placeholder="Name, email or insurance number"
          value={text}
          onChange={(event) => setText(event.target.value)}
          sx={{ flex: 1, minWidth: 220 }}
          size="small"
        />
        <Button variant="outlined" onClick={() => setRegistering(true)}>
          Register new patient
        </Button>
      </Box>
      {search.length >= 2 && (
        <Box aria-busy={isFetching} aria-live="polite">
          {data && data.results.length === 0 ? (
            <Typography color="text.secondary" sx={{ mt: 1 }}>
              No patient matches “{search}”.
            </Typography>
          ) : (
            <List dense aria-label="Matching patients">
              {(data?.results ?? []).map((patient) => (
                <ListItemButton key={patient.id} onClick={() => onSelect(patient)}>
                  <ListItemText
                    primary={fullName(patient.user)}
                    secondary={[patient.date_of_birth && `born ${patient.date_of_birth}`, patient.phone, patient.user.email]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                </ListItemButton>
              ))}
            </List>
          )}
        </Box>
      )}
      {registering && (
        <RegisterPatientDialog
          onClose={(patient) => {
            setRegistering(false);
            if (patient) onSelect(patient);
          }}
        />
      )}
    </Box>
  );
}
