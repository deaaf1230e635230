import type { SyncRun } from '@rentledger/contracts';
import { SimpleGrid } from '@mantine/core';
import { IconAlertTriangle, IconBuildingPlus, IconDoorExit, IconEqual, IconListDetails, IconMail, IconMailOff, IconPencil, IconUserPlus, IconZoomExclamation } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { StatCard } from '../../../components/stat-card.tsx';

type Card = {
  key: keyof SyncRun['counts'] | 'rows';
  label: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  hint: string;
};

const CARDS: Card[] = [
  { key: 'rows', label: 'Rows read', icon: IconListDetails, hint: 'In the file or the API' },
  { key: 'created', label: 'Created', icon: IconUserPlus, hint: 'New in RentLedger' },
  { key: 'updated', label: 'Updated', icon: IconPencil, hint: 'Lease data changed' },
  { key: 'unchanged', label: 'Unchanged', icon: IconEqual, hint: 'Already up to date' },
  { key: 'invited', label: 'Invited', icon: IconMail, hint: 'Invitation emailed' },
  { key: 'waiting', label: 'Waiting', icon: IconMailOff, hint: 'No email in your books' },
  { key: 'finished', label: 'Lease ended', icon: IconDoorExit, hint: 'Moved out in your books' },
  { key: 'errors', label: 'Rows in error', icon: IconAlertTriangle, hint: 'Not imported' },
  { key: 'problems', label: 'Problems', icon: IconZoomExclamation, hint: 'Listed below; a row may have several' },
];

/** Shown only when the run created places: most runs create none. */
const PLACE_CARDS: Card[] = [
  { key: 'propertiesCreated', label: 'Properties created', icon: IconBuildingPlus, hint: 'From the accounting system' },
  { key: 'unitsCreated', label: 'Units created', icon: IconBuildingPlus, hint: 'From the accounting system' },
];

const WARNING_KEYS: Card['key'][] = ['errors', 'problems'];

export function SyncRunCounts({ run }: { run: SyncRun }) {
  const valueOf = (key: Card['key']) => (key === 'rows' ? (run.progress.total ?? run.progress.processed) : run.counts[key]);
  const cards = run.counts.propertiesCreated + run.counts.unitsCreated > 0 ? [...CARDS, ...PLACE_CARDS] : CARDS;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 5 }} spacing="sm" data-testid="sync-run-counts">
      {cards.map((card) => (
        <div key={card.key} data-testid={`count-${card.key}`}>
          <StatCard
            label={card.label}
            value={valueOf(card.key).toLocaleString('en-US')}
            icon={card.icon}
            hint={card.hint}
            compact
            color={WARNING_KEYS.includes(card.key) && valueOf(card.key) > 0 ? 'orange' : undefined}
          />
        </div>
      ))}
    </SimpleGrid>
  );
}
