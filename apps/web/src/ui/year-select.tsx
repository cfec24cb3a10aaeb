import { useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { berlinDay } from '@workmate/domain/berlin-time';

/** How many years back a year selector reaches. */
const YEARS_BACK = 5;

/** The year a figures page shows, starting with this year (Europe/Berlin). */
export function useYear() {
  const thisYear = Number(berlinDay().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  return { year, setYear, thisYear };
}

/** The year selector of the figures pages (invoices, expenses). */
export function YearSelect({ year, thisYear, onChange, testId }: { year: number; thisYear: number; onChange: (year: number) => void; testId: string }) {
  const t = useT();
  return (
    <label className="toggle">
      {t('invoice.year')}
      <select value={year} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
        {Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - i).map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </label>
  );
}
