import { useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Skeleton from '@mui/material/Skeleton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { useGetDoctorSlotsQuery } from '../lib/doctor-api';
import {
  addDaysToDate,
  dateInZone,
  formatDateLabel,
  formatInZone,
  todayInZone,
  userTimeZone,
  zoneLabel,
  zonesDiffer,
} from '../lib/time';
import type { IsoDate, IsoDateTime, Slot } from '../lib/types';
import { ErrorState } from './page-states';

export interface SlotPickerProps {
  doctorId: number;
  /** The doctor's IANA time zone: slots are laid out on the doctor's calendar days. */
  timeZone: string;
  onSelect: (slot: Slot) => void;
  selectedStart?: IsoDateTime | null;
  /** First day shown (doctor's calendar); defaults to today in the doctor's zone. */
  initialDate?: IsoDate;
  /** The viewer's zone; defaults to the browser's. */
  viewerTimeZone?: string;
  /** Slots that can't be chosen (the appointment being rescheduled, say). */
  disabledStarts?: IsoDateTime[];
  /** Heading level for the day names, so the picker fits the page outline. */
  dayHeadingLevel?: 'h2' | 'h3' | 'h4';
  /** Free starts for a visit of this type (its length and buffer); none: the doctor's plain slots. */
  visitTypeId?: number | null;
}

const DAYS = 7;

/**
 * A week of free slots for one doctor, used both to book and to reschedule. Times are shown on the
 * doctor's clock (that is where the visit happens) and, when the viewer's zone differs, also on
 * the viewer's clock.
 */
export function SlotPicker({
  doctorId,
  timeZone,
  onSelect,
  selectedStart,
  initialDate,
  viewerTimeZone,
  disabledStarts = [],
  dayHeadingLevel = 'h3',
  visitTypeId,
}: SlotPickerProps) {
  const today = todayInZone(timeZone);
  const firstDay = initialDate ?? today;
  const [weekStart, setWeekStart] = useState<IsoDate>(firstDay);
  const weekEnd = addDaysToDate(weekStart, DAYS - 1);
  const viewerZone = viewerTimeZone ?? userTimeZone();
  const showViewerTime = zonesDiffer(timeZone, viewerZone);

  const { data, isFetching, isLoading, error, refetch } = useGetDoctorSlotsQuery(
    { doctorId, start: weekStart, end: weekEnd, visitTypeId },
    { refetchOnMountOrArgChange: 30 },
  );

  const days = useMemo(() => {
    const byDay = new Map<IsoDate, Slot[]>();
    for (let i = 0; i < DAYS; i += 1) byDay.set(addDaysToDate(weekStart, i), []);
    for (const slot of data ?? []) byDay.get(dateInZone(slot.start, timeZone))?.push(slot);
    return [...byDay.entries()];
  }, [data, weekStart, timeZone]);

  const totalSlots = days.reduce((sum, [, slots]) => sum + slots.length, 0);
  const canGoBack = weekStart > (firstDay < today ? firstDay : today);
  const rangeLabel = `${formatDateLabel(weekStart, 'd MMM')} – ${formatDateLabel(weekEnd, 'd MMM yyyy')}`;
  const sampleInstant = data?.[0]?.start ?? new Date();

  return (
    <Box component="section" aria-label="Available times">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Tooltip title="Previous week">
          <span>
            <IconButton
              aria-label="Previous week"
              onClick={() => setWeekStart(addDaysToDate(weekStart, -DAYS))}
              disabled={!canGoBack}
            >
              <ChevronLeftIcon />
            </IconButton>
          </span>
        </Tooltip>
        <Typography aria-live="polite" sx={{ fontWeight: 600, flex: 1, textAlign: 'center' }}>
          {rangeLabel}
        </Typography>
        <Tooltip title="Next week">
          <IconButton aria-label="Next week" onClick={() => setWeekStart(addDaysToDate(weekStart, DAYS))}>
            <ChevronRightIcon />
          </IconButton>
        </Tooltip>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Times are in the doctor&apos;s time zone, {zoneLabel(sampleInstant, timeZone)}.
        {showViewerTime && <> Your local time ({zoneLabel(sampleInstant, viewerZone)}) is shown under each time.</>}
      </Typography>

      {error ? (
        <ErrorState error={error} title="We couldn't load the free times" onRetry={refetch} />
      ) : (
        <Box
          aria-busy={isFetching}
          sx={{
            display: 'grid',
            gap: 1.5,
            gridTemplateColumns: { xs: '1fr', sm: 'repeat(4, minmax(0, 1fr))', md: `repeat(${DAYS}, minmax(0, 1fr))` },
            opacity: isFetching && !isLoading ? 0.6 : 1,
            transition: 'opacity 150ms',
          }}
        >
          {days.map(([day, slots]) => (
            <Box
              key={day}
              role="group"
              aria-label={formatDateLabel(day, 'EEEE d MMMM')}
              sx={{ border: '1px solid', borderColor: 'divider', borderRadius: 2, p: 1, bgcolor: 'background.paper', minWidth: 0 }}
            >
              <Typography
                component={dayHeadingLevel}
                variant="subtitle2"
                sx={{ textAlign: { xs: 'left', md: 'center' }, mb: 1, color: day === today ? 'primary.main' : 'text.primary' }}
              >
                {formatDateLabel(day)}
              </Typography>
              {isLoading ? (
                <Skeleton variant="rounded" height={32} />
              ) : slots.length === 0 ? (
                <Typography variant="caption" color="text.secondary" component="p" sx={{ textAlign: { md: 'center' } }}>
                  No free times
                </Typography>
              ) : (
                <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'repeat(auto-fill, minmax(108px, 1fr))', md: '1fr' }, gap: 0.75 }}>
                  {slots.map((slot) => {
                    const selected = slot.start === selectedStart;
                    const doctorTime = formatInZone(slot.start, timeZone, 'HH:mm');
                    const viewerTime = formatInZone(slot.start, viewerZone, 'HH:mm');
                    const viewerDay = dateInZone(slot.start, viewerZone);
                    const viewerLabel =
                      viewerDay === day ? viewerTime : `${viewerTime} ${formatDateLabel(viewerDay, 'EEE')}`;
                    return (
                      <Button
                        key={slot.start}
                        size="small"
                        variant={selected ? 'contained' : 'outlined'}
                        aria-pressed={selected}
                        disabled={disabledStarts.includes(slot.start)}
                        onClick={() => onSelect(slot)}
                        // The name holds the day too, and every word on the button in the same order
                        // (WCAG 2.5.3 "label in name"), so "click 09:00" works with voice control.
                        aria-label={`${formatDateLabel(day, 'EEEE d MMMM')}, ${doctorTime}${
                          showViewerTime ? ` (${viewerLabel} your time)` : ''
                        }`}
                        sx={{ flexDirection: 'column', lineHeight: 1.2, py: 0.5, minWidth: 72 }}
                      >
                        <span>{doctorTime}</span>
                        {showViewerTime && (
                          <Box component="span" sx={{ fontSize: '0.7rem', fontWeight: 400 }}>
                            ({viewerLabel} your time)
                          </Box>
                        )}
                      </Button>
                    );
                  })}
                </Box>
              )}
            </Box>
          ))}
        </Box>
      )}
      {!isLoading && !error && totalSlots === 0 && (
        <Typography color="text.secondary" sx={{ mt: 2 }}>
          No free times this week.{' '}
          <Button size="small" onClick={() => setWeekStart(addDaysToDate(weekStart, DAYS))}>
            Try the next week
          </Button>
        </Typography>
      )}
    </Box>
  );
}
