import { useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Pagination from '@mui/material/Pagination';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState } from '../../components/page-states';
import type { DoctorOrdering } from '../../lib/types';
import { useListDoctorsQuery } from './api';
import { DoctorCard } from './doctor-card';
import { usePageTitle } from '../../lib/page-title';
import { DoctorFiltersForm, type SearchFilters } from './doctor-filters';

const PAGE_SIZE = 12;

function filtersFrom(params: URLSearchParams): SearchFilters {
  return {
    search: params.get('search') ?? '',
    specialty: params.get('specialty') ?? '',
    city: params.get('city') ?? '',
    available_on: params.get('available_on') ?? '',
    ordering: (params.get('ordering') as DoctorOrdering | null) ?? 'next_available',
  };
}

export function DoctorSearchPage({ landing = false }: { landing?: boolean }) {
  usePageTitle(landing ? undefined : 'Find a doctor');
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, isLoading, isFetching, error, refetch } = useListDoctorsQuery({ ...filters, page, page_size: PAGE_SIZE });
  const pageCount = data ? Math.max(1, Math.ceil(data.count / PAGE_SIZE)) : 1;
  const filtered = Boolean(filters.search || filters.specialty || filters.city || filters.available_on);

  function update(next: SearchFilters, nextPage = 1) {
    const entries = Object.entries({ ...next, page: nextPage > 1 ? String(nextPage) : '' }).filter(
      ([key, value]) => value !== '' && !(key === 'ordering' && value === 'next_available'),
    );
    setParams(new URLSearchParams(entries));
  }

  const form = <DoctorFiltersForm key={params.toString()} value={filters} onChange={(f) => update(f)} />;

  return (
    <>
      {landing ? (
        <Paper
          variant="outlined"
          sx={{
            p: { xs: 2.5, md: 5 },
            mb: 4,
            background: 'linear-gradient(135deg, #e6f3f4 0%, #f4f7fb 60%, #ffffff 100%)',
          }}
        >
          <Typography variant="h1" sx={{ fontSize: { xs: '1.8rem', md: '2.5rem' }, maxWidth: 720 }}>
            Book a visit with the right doctor
          </Typography>
          <Typography color="text.secondary" sx={{ mt: 1, mb: 3, maxWidth: 640, fontSize: '1.1rem' }}>
            Search by specialty, city or date, see real free times, and book in a few clicks.
          </Typography>
          {form}
        </Paper>
      ) : (
        <>
          <PageHeader title="Find a doctor" subtitle="Search by name, specialty, city or the day you want to come in." />
          <Paper variant="outlined" sx={{ p: 2, mb: 3 }}>
            {form}
          </Paper>
        </>
      )}

      <Box aria-live="polite" aria-busy={isFetching}>
        {landing && (
          <Typography variant="h2" component="h2" sx={{ fontSize: '1.35rem', mb: 2 }}>
            {filtered ? 'Matching doctors' : 'Our doctors'}
          </Typography>
        )}
        {error ? (
          <ErrorState error={error} title="We couldn't load the doctors" onRetry={refetch} />
        ) : isLoading ? (
          <Grid container spacing={2}>
            {Array.from({ length: 6 }, (_, i) => (
              <Grid key={i} size={{ xs: 12, sm: 6, lg: 4 }}>
                <Skeleton variant="rounded" height={230} />
              </Grid>
            ))}
          </Grid>
        ) : !data || data.results.length === 0 ? (
          <EmptyState
            icon={<PersonSearchIcon />}
            title="No doctors match your search"
            description="Try another specialty or city, or clear the date."
            action={
              filtered && (
                <Button variant="outlined" onClick={() => setParams(new URLSearchParams())}>
                  Clear filters
                </Button>
              )
            }
          />
        ) : (
          <>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
              {data.count === 1 ? '1 doctor' : `${data.count} doctors`}
            </Typography>
            <Grid container spacing={2} sx={{ opacity: isFetching ? 0.7 : 1 }}>
              {data.results.map((doctor) => (
                <Grid key={doctor.id} size={{ xs: 12, sm: 6, lg: 4 }}>
                  <DoctorCard doctor={doctor} />
                </Grid>
              ))}
            </Grid>
            {pageCount > 1 && (
              <Box sx={{ display: 'flex', justifyContent: 'center', mt: 3 }}>
                <Pagination
                  count={pageCount}
                  page={page}
                  onChange={(_e, p) => update(filters, p)}
                  color="primary"
                  getItemAriaLabel={(type, p) => (type === 'page' ? `Page ${p}` : `Go to ${type} page`)}
                />
              </Box>
            )}
          </>
        )}
      </Box>
    </>
  );
}
