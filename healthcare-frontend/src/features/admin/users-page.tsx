import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Pagination from '@mui/material/Pagination';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import SearchIcon from '@mui/icons-material/Search';
import { NoticeSnackbar, type Notice } from '../../components/notice-snackbar';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/page-states';
import { errorMessage } from '../../lib/errors';
import { useCurrentUser } from '../../lib/session';
import type { AdminUser, Role } from '../../lib/types';
import { usePageTitle } from '../../lib/page-title';
import { RegisterPatientDialog } from '../front-desk/register-patient-dialog';
import { useListUsersQuery, useUpdateUserMutation } from './api';
import { CreateDoctorDialog } from './create-doctor-dialog';

const PAGE_SIZE = 20;
const ROLES: Role[] = ['patient', 'doctor', 'admin'];
const ROLE_LABEL: Record<Role, string> = { patient: 'Patient', doctor: 'Doctor', admin: 'Admin', front_desk: 'Front desk' };
type UserChange = { role: Role } | { is_active: boolean };
const WIDE_ONLY = { display: { xs: 'none', md: 'table-cell' } } as const;

export function UsersPage() {
  usePageTitle('Users and roles');
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const role = (params.get('role') ?? '') as Role | '';
  const isActive = (params.get('is_active') ?? '') as 'true' | 'false' | '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draftSearch, setDraftSearch] = useState(search);
  const { data, error, isLoading, isFetching, refetch } = useListUsersQuery({
    search,
    role,
    is_active: isActive,
    page,
    page_size: PAGE_SIZE,
  });
  const [updateUser, update] = useUpdateUserMutation();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [adding, setAdding] = useState<'doctor' | 'patient' | null>(null);
  const [asking, setAsking] = useState<{ user: AdminUser; change: UserChange } | null>(null);
  const { me } = useCurrentUser();
  const pageCount = data ? Math.max(1, Math.ceil(data.count / PAGE_SIZE)) : 1;

  function setFilter(changes: Record<string, string>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  }

  async function change(user: AdminUser, body: UserChange) {
    const result = await updateUser({ id: user.id, ...body });
    setNotice(
      'error' in result
        ? { severity: 'error', text: errorMessage(result.error, { includeFields: true }) }
        : { severity: 'success', text: `Saved ${user.username}.` },
    );
  }

  return (
    <>
      <PageHeader
        title="Users and roles"
        subtitle="Find accounts, change roles, and deactivate access."
        actions={
          <>
            <Button variant="contained" startIcon={<PersonAddIcon />} onClick={() => setAdding('doctor')}>
              Add doctor
            </Button>
            <Button variant="outlined" startIcon={<PersonAddIcon />} onClick={() => setAdding('patient')}>
              Add patient
            </Button>
          </>
        }
      />
      <Paper
        component="form"
        role="search"
        aria-label="Filter users"
        variant="outlined"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setFilter({ search: draftSearch.trim() });
        }}
        sx={{ p: 2, mb: 2, display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', sm: '2fr 1fr 1fr auto' } }}
      >
        <TextField size="small" type="search" label="Search name, username or email" value={draftSearch} onChange={(e) => setDraftSearch(e.target.value)} />
        <TextField size="small" select label="Role" value={role} onChange={(e) => setFilter({ role: e.target.value })}>
          <MenuItem value="">All roles</MenuItem>
          {ROLES.map((r) => (
            <MenuItem key={r} value={r}>
              {ROLE_LABEL[r]}
            </MenuItem>
          ))}
        </TextField>
        <TextField size="small" select label="Status" value={isActive} onChange={(e) => setFilter({ is_active: e.target.value })}>
          <MenuItem value="">Any status</MenuItem>
          <MenuItem value="true">Active</MenuItem>
          <MenuItem value="false">Deactivated</MenuItem>
        </TextField>
        <Button type="submit" variant="contained" startIcon={<SearchIcon />}>
          Search
        </Button>
      </Paper>

      {error ? (
        <ErrorState error={error} title="We couldn't load the users" onRetry={refetch} />
      ) : isLoading || !data ? (
        <LoadingState label="Loading users…" />
      ) : data.results.length === 0 ? (
        <EmptyState title="No users match" description="Try another search or clear the filters." />
      ) : (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {data.count === 1 ? '1 user' : `${data.count} users`}
          </Typography>
          <TableContainer component={Paper} variant="outlined" aria-busy={isFetching}>
            {/* Fixed layout on phones: the role and switch columns keep their width, the name wraps. */}
            <Table size="small" aria-label="Users" sx={{ tableLayout: { xs: 'fixed', md: 'auto' } }}>
              <TableHead>
                <TableRow>
                  <TableCell sx={{ px: { xs: 1, sm: 2 } }}>Name</TableCell>
                  <TableCell sx={WIDE_ONLY}>Username</TableCell>
                  <TableCell sx={WIDE_ONLY}>Email</TableCell>
                  <TableCell sx={{ width: { xs: 120, md: 'auto' }, px: { xs: 1, sm: 2 } }}>Role</TableCell>
                  <TableCell sx={{ width: { xs: 64, md: 'auto' }, px: { xs: 0.5, sm: 2 } }}>Active</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.results.map((user) => {
                  const self = user.id === me?.id;
                  const busy = update.isLoading && update.originalArgs?.id === user.id;
                  return (
                    <TableRow key={user.id} hover>
                      <TableCell sx={{ minWidth: 0, overflowWrap: 'break-word', px: { xs: 1, sm: 2 } }}>
                        <Typography variant="body2" sx={{ fontWeight: 600 }}>
                          {`${user.first_name} ${user.last_name}`.trim() || '—'}
                        </Typography>
                        {/* Phones have room for three columns: username and email go under the name. */}
                        <Box sx={{ display: { xs: 'block', md: 'none' }, color: 'text.secondary', typography: 'caption', overflowWrap: 'anywhere' }}>
                          <div>{user.username}</div>
                          <div>{user.email}</div>
                        </Box>
                      </TableCell>
                      <TableCell sx={WIDE_ONLY}>{user.username}</TableCell>
                      <TableCell sx={{ ...WIDE_ONLY, overflowWrap: 'anywhere' }}>{user.email}</TableCell>
                      <TableCell sx={{ minWidth: { md: 130 }, px: { xs: 1, sm: 2 } }}>
                        <TextField
                          select
                          size="small"
                          value={user.role}
                          disabled={self || busy}
                          onChange={(e) => setAsking({ user, change: { role: e.target.value as Role } })}
                          slotProps={{ select: { SelectDisplayProps: { 'aria-label': `Role of ${user.username}` } as object } }}
                        >
                          {ROLES.map((r) => (
                            <MenuItem key={r} value={r}>
                              {ROLE_LABEL[r]}
                            </MenuItem>
                          ))}
                        </TextField>
                      </TableCell>
                      <TableCell sx={{ px: { xs: 0.5, sm: 2 } }}>
                        <Switch
                          checked={user.is_active}
                          disabled={self || busy}
                          // Reactivating gives back access the account had; deactivating ends it, so only that asks.
                          onChange={(e) => (e.target.checked ? void change(user, { is_active: true }) : setAsking({ user, change: { is_active: false } }))}
                          slotProps={{ input: { 'aria-label': `${user.username} is active` } }}
                        />
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
          {pageCount > 1 && (
            <Box sx={{ display: 'flex', justifyContent: 'center', mt: 2 }}>
              <Pagination count={pageCount} page={page} color="primary" onChange={(_e, p) => setFilter({ page: String(p) })} />
            </Box>
          )}
        </>
      )}
      {asking && (
        <ConfirmUserChange
          {...asking}
          onConfirm={() => change(asking.user, asking.change)}
          onClose={() => setAsking(null)}
        />
      )}
      {adding === 'doctor' && (
        <CreateDoctorDialog
          onClose={(doctor) => {
            setAdding(null);
            if (doctor) setNotice({ severity: 'success', text: `Added ${doctor.full_name}.` });
          }}
        />
      )}
      {adding === 'patient' && (
        <RegisterPatientDialog
          onClose={(patient) => {
            setAdding(null);
            if (patient) {
              const name = `${patient.user.first_name} ${patient.user.last_name}`.trim();
              setNotice({ severity: 'success', text: `Registered ${name}. They set a password with “Forgot your password?” on the login page.` });
            }
          }}
        />
      )}
      <NoticeSnackbar notice={notice} onClose={() => setNotice(null)} />
    </>
  );
}

/** A role change or a deactivation changes what someone may see and do at once, so it asks first. */
function ConfirmUserChange({
  user,
  change,
  onConfirm,
  onClose,
}: {
  user: AdminUser;
  change: UserChange;
  onConfirm: () => unknown;
  onClose: () => void;
}) {
  const name = `${user.first_name} ${user.last_name}`.trim() || user.username;
  if ('role' in change) {
    return (
      <ConfirmDialog
        title={`Make ${name} ${ROLE_LABEL[change.role].toLowerCase()}?`}
        confirmLabel="Change role"
        color="warning"
        onConfirm={onConfirm}
        onClose={onClose}
      >
        {user.username} is {ROLE_LABEL[user.role].toLowerCase()} now. The new role decides what they can see and do from their next
        request on.
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog title={`Deactivate ${name}?`} confirmLabel="Deactivate" color="error" onConfirm={onConfirm} onClose={onClose}>
      {user.username} will be signed out and cannot sign in until an administrator turns the account back on. Their records and
      appointments are kept.
    </ConfirmDialog>
  );
}
