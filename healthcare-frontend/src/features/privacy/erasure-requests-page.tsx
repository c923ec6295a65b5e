import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/page-states';
import { errorMessage } from '../../lib/errors';
import { usePageTitle } from '../../lib/page-title';
import { formatLocalDateTime } from '../../lib/time';
import type { ErasureRequest } from '../../lib/types';
import { useExecuteErasureMutation, useListErasureRequestsQuery } from './api';

function outcome(request: ErasureRequest): string {
  if (request.status === 'requested') return 'Waiting';
  const deleted = Object.values(request.summary.deleted ?? {}).reduce((sum, n) => sum + n, 0);
  return `Executed ${request.executed_at ? formatLocalDateTime(request.executed_at) : '—'}: account anonymised, ${deleted} item(s) deleted`;
}

/** Admin: patients' erasure requests, carried out with one click (anonymise what is kept, delete the rest). */
export function ErasureRequestsPage() {
  usePageTitle('Erasure requests');
  const { data, error, isLoading, refetch } = useListErasureRequestsQuery({});
  const [execute, executing] = useExecuteErasureMutation();
  if (error) return <ErrorState error={error} onRetry={refetch} />;
  if (isLoading || !data) return <LoadingState />;
  return (
    <>
      <PageHeader
        title="Erasure requests"
        subtitle="Executing one anonymises the patient's account (records and access log stay) and deletes the rest."
      />
      {executing.error && (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {errorMessage(executing.error)}
        </Alert>
      )}
      {data.results.length === 0 ? (
        <EmptyState title="No erasure requests" />
      ) : (
        <TableContainer component={Paper}>
          <Table aria-label="Erasure requests">
            <TableHead>
              <TableRow>
                <TableCell>Patient</TableCell>
                <TableCell>Requested</TableCell>
                <TableCell>Status</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {data.results.map((request) => (
                <TableRow key={request.id}>
                  <TableCell>{request.patient_name}</TableCell>
                  <TableCell>{formatLocalDateTime(request.requested_at)}</TableCell>
                  <TableCell>{outcome(request)}</TableCell>
                  <TableCell align="right">
                    {request.status === 'requested' && (
                      <Button
                        color="error"
                        variant="contained"
                        onClick={() => execute(request.id)}
                        loading={executing.isLoading && executing.originalArgs === request.id}
                      >
                        Execute erasure
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </>
  );
}
