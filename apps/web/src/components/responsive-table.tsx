import { Box, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { PhoneList } from './list-rows.tsx';

type ResponsiveTableProps = {
  /** The accessible name of the phone list. */
  label: string;
  /** Below this width the table scrolls sideways rather than squeezing its columns. */
  minWidth: number;
  /** The records as `PhoneListItem`s, shown below the `sm` breakpoint. */
  phone: ReactNode;
  /** The `<Table>`, shown from `sm` up. */
  children: ReactNode;
};

/** A table from `sm` up, and the same records as a list of blocks on a phone. */
export function ResponsiveTable({ label, minWidth, phone, children }: ResponsiveTableProps) {
  return (
    <>
      <PhoneList label={label}>{phone}</PhoneList>
      <Box visibleFrom="sm">
        <Table.ScrollContainer minWidth={minWidth} type="native">
          {children}
        </Table.ScrollContainer>
      </Box>
    </>
  );
}
