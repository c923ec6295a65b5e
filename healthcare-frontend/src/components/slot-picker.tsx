import { useEffect, useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
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
  /** First day looked at (doctor's calendar); defaults to today in the doctor's zone. */
  initialDate?: IsoDate;
  /** The viewer's zone; defaults to the browser's. */
  viewerTimeZone?: string;
  /** Slots that can't be chosen (the appointment being rescheduled, say). */
  disabledStarts?: IsoDateTime[];
  /** Heading level for the chosen day's name, so the picker fits the page outline. */
  dayHeadingLevel?: 'h2' | 'h3' | 'h4';
  /** Free starts for a visit of this type (its length and buffer); none: the doctor's plain slots. */
  visitTypeId?: number | null;
}

/** Days fetched at once: enough for counts in the day strip, one request. */
export const WINDOW_DAYS = 14;
/** How many windows "next free day" looks through before giving up (beyond any booking window). */
const SEARCH_WINDOWS = 6;

function longDay(day: IsoDate) {
  return formatDateLabel(day, 'EEEE d MMMM');
}

/**
 * The free slots of one doctor, used both to book and to reschedule: a strip of the days that have
 * free times (with their counts), then the times of the chosen day. Empty days are left out and the
 * picker jumps ahead to the next free day by itself, so it stays short on a phone. Times are on the
 * doctor's clock (where the visit happens) and, when the viewer's zone differs, also on the viewer's.
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
  const [windowStart, setWindowStart] = useState<IsoDate>(firstDay);
  const [chosenDay, setChosenDay] = useState<IsoDate | null>(null);
  // Windows still to look through for a free day; 0 = the viewer pages by hand.
  const [searchLeft, setSearchLeft] = useState(SEARCH_WINDOWS);
  const windowEnd = addDaysToDate(windowStart, WINDOW_DAYS - 1);
  const viewerZone = viewerTimeZone ?? userTimeZone();
  const showViewerTime = zonesDiffer(timeZone, viewerZone);

  // `currentData`: this window's answer only, never the previous window's while the next loads.
  const { currentData: data, isFetching, error, refetch } = useGetDoctorSlotsQuery(
    { doctorId, start: windowStart, end: windowEnd, visitTypeId },
    { refetchOnMountOrArgChange: 30 },
  );

  const freeDays = useMemo(() => {
    const byDay = new Map<IsoDate, Slot[]>();
    for (const slot of data ?? []) {
      const day = dateInZone(slot.start, timeZone);
      byDay.set(day, [...(byDay.get(day) ?? []), slot]);
    }
    return [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [data, timeZone]);

  const ready = data !== undefined;
  const emptyWindow = ready && freeDays.length === 0;

  // Jump ahead over empty windows until a free day turns up (or the search gives up).
  useEffect(() => {
    if (!ready || searchLeft === 0) return;
    if (freeDays.length > 0) setSearchLeft(0);
    else {
      setSearchLeft((left) => left - 1);
      if (searchLeft > 1) setWindowStart((start) => addDaysToDate(start, WINDOW_DAYS));
    }
  }, [ready, freeDays.length, searchLeft]);

  const selectedDay = selectedStart ? dateInZone(selectedStart, timeZone) : null;
  const activeDay =
    freeDays.find(([day]) => day === chosenDay)?.[0] ??
    freeDays.find(([day]) => day === selectedDay)?.[0] ??
    freeDays[0]?.[0];
  const activeSlots = freeDays.find(([day]) => day === activeDay)?.[1] ?? [];
  const activeIndex = freeDays.findIndex(([day]) => day === activeDay);
  const searching = searchLeft > 0 && !error;

  const canGoBack = windowStart > (firstDay < today ? firstDay : today);
  const rangeLabel = `${formatDateLabel(windowStart, 'd MMM')} – ${formatDateLabel(windowEnd, 'd MMM yyyy')}`;
  const sampleInstant = data?.[0]?.start ?? new Date();

  function moveWindow(days: number, search = false) {
    setChosenDay(null);
    setSearchLeft(search ? SEARCH_WINDOWS : 0);
    setWindowStart(addDaysToDate(windowStart, days));
  }

  function nextFreeDay() {
    const next = freeDays[activeIndex + 1];
    if (next) setChosenDay(next[0]);
    else moveWindow(WINDOW_DAYS, true);
  }

  return (
    <Box component="section" aria-label="Available times">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Button
          size="small"
          startIcon={<ChevronLeftIcon />}
          onClick={() => moveWindow(-WINDOW_DAYS)}
          disabled={!canGoBack}
          aria-label="Earlier dates"
        >
          Earlier
        </Button>
        <Typography aria-live="polite" sx={{ fontWeight: 600, flex: 1, textAlign: 'center' }}>
          {rangeLabel}
        </Typography>
        <Button size="small" endIcon={<ChevronRightIcon />} onClick={() => moveWindow(WINDOW_DAYS)} aria-label="Later dates">
          Later
        </Button>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        Times are in the doctor&apos;s time zone, {zoneLabel(sampleInstant, timeZone)}.
        {showViewerTime && <> Your local time ({zoneLabel(sampleInstant, viewerZone)}) is shown beside each time.</>}
      </Typography>

      {error ? (
        <ErrorState error={error} title="We couldn't load the free times" onRetry={refetch} />
      ) : !ready || (searching && freeDays.length === 0) ? (
        <Box aria-busy="true">
          <Typography variant="body2" color="text.secondary" role="status">
            Looking for free times…
          </Typography>
          <Skeleton variant="rounded" height={56} sx={{ mt: 1 }} />
        </Box>
      ) : emptyWindow ? (
        <Typography color="text.secondary" role="status">
          No free times between {formatDateLabel(windowStart, 'd MMM')} and {formatDateLabel(windowEnd, 'd MMM')}.{' '}
          <Button size="small" onClick={() => moveWindow(WINDOW_DAYS, true)}>
            Find the next free day
          </Button>
        </Typography>
      ) : (
        <Box aria-busy={isFetching} sx={{ opacity: isFetching ? 0.6 : 1, transition: 'opacity 150ms' }}>
          <Box
            role="group"
            aria-label="Days with free times"
            sx={{
              display: 'flex',
              gap: 1,
              overflowX: 'auto',
              flexWrap: { xs: 'nowrap', md: 'wrap' },
              pb: 1,
              mb: 1.5,
              scrollSnapType: 'x proximity',
            }}
          >
            {freeDays.map(([day, slots]) => {
              const active = day === activeDay;
              return (
                <Button
                  key={day}
                  variant={active ? 'contained' : 'outlined'}
                  aria-pressed={active}
                  onClick={() => setChosenDay(day)}
                  sx={{ flexDirection: 'column', flexShrink: 0, minWidth: 76, lineHeight: 1.2, py: 0.75, scrollSnapAlign: 'start' }}
                >
                  <span>{formatDateLabel(day, 'EEE d MMM')}</span>{' '}
                  <Box component="span" sx={{ fontSize: '0.72rem', fontWeight: 400 }}>
                    {slots.length} free
                  </Box>
                </Button>
              );
            })}
          </Box>

          {activeDay && (
            <Box role="group" aria-label={longDay(activeDay)}>
              <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 1, mb: 1 }}>
                <Typography component={dayHeadingLevel} variant="subtitle1" sx={{ fontWeight: 600 }}>
                  {longDay(activeDay)}
                  {activeDay === today && ' (today)'}
                </Typography>
                <Button size="small" onClick={nextFreeDay} endIcon={<ChevronRightIcon />}>
                  Next free day
                </Button>
              </Box>
              <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(88px, 1fr))', gap: 0.75 }}>
                {activeSlots.map((slot) => {
                  const selected = slot.start === selectedStart;
                  const doctorTime = formatInZone(slot.start, timeZone, 'HH:mm');
                  const viewerTime = formatInZone(slot.start, viewerZone, 'HH:mm');
                  const viewerDay = dateInZone(slot.start, viewerZone);
                  const viewerLabel =
                    viewerDay === activeDay ? viewerTime : `${viewerTime} ${formatDateLabel(viewerDay, 'EEE')}`;
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
                      aria-label={`${longDay(activeDay)}, ${doctorTime}${showViewerTime ? ` (${viewerLabel} your time)` : ''}`}
                      sx={{ flexDirection: 'column', lineHeight: 1.2, py: 0.5 }}
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
            </Box>
          )}
        </Box>
      )}
    </Box>
  );
}
