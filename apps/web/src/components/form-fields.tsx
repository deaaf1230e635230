import { Checkbox, Grid, NumberInput, type NumberInputProps, TextInput, type TextInputProps } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { IconCalendar } from '@tabler/icons-react';

/** Dollars and cents: "$1,150.00". The form keeps a number; convert with centsFromDollars before sending. */
export function MoneyInput(props: NumberInputProps) {
  return (
    <NumberInput
      prefix="$"
      decimalScale={2}
      thousandSeparator=","
      fixedDecimalScale
      hideControls
      inputMode="decimal"
      allowNegative={false}
      {...props}
    />
  );
}

/**
 * A calendar date as the browser's native date picker (phones get their own wheel). The value is
 * the "YYYY-MM-DD" string itself: it never passes through a Date, so no time zone shifts it.
 */
export function DateField(props: TextInputProps) {
  return <TextInput type="date" leftSection={<IconCalendar size={16} />} {...props} />;
}

type LeaseFieldsProps = {
  start: GetInputPropsReturnType;
  end: GetInputPropsReturnType;
  monthToMonth: GetInputPropsReturnType;
  /** True hides and clears the end date. */
  isMonthToMonth: boolean;
  startLabel?: string;
  endLabel?: string;
};

/** Lease start, lease end, or "Month-to-month" instead of an end date. */
export function LeaseFields({ start, end, monthToMonth, isMonthToMonth, startLabel = 'Lease start', endLabel = 'Lease end' }: LeaseFieldsProps) {
  return (
    <Grid gap="md" align="flex-start">
      <Grid.Col span={{ base: 12, xs: 6 }}>
        <DateField label={startLabel} required {...start} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6 }}>
        <DateField
          label={endLabel}
          required={!isMonthToMonth}
          disabled={isMonthToMonth}
          {...end}
          value={isMonthToMonth ? '' : (end.value ?? '')}
        />
        <Checkbox
          mt="xs"
          label="Month-to-month (no end date)"
          {...monthToMonth}
          onChange={(event) => {
            monthToMonth.onChange(event);
            // No end date any more: clear it, and any error it had.
            if (event.currentTarget.checked) end.onChange('');
          }}
        />
      </Grid.Col>
    </Grid>
  );
}

/** Monthly rent and its due day, side by side: the terms every lease form asks for. */
export function RentTermsFields({ rent, dueDay }: { rent: GetInputPropsReturnType; dueDay: GetInputPropsReturnType }) {
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 7, xs: 6 }}>
        <MoneyInput label="Monthly rent" required {...rent} />
      </Grid.Col>
      <Grid.Col span={{ base: 5, xs: 6 }}>
        {/* No clamping: a 31 typed is refused with a message by the form's check, never silently saved as 28. */}
        <NumberInput label="Due day (1–28)" min={1} max={28} clampBehavior="none" allowDecimal={false} allowNegative={false} required {...dueDay} />
      </Grid.Col>
    </Grid>
  );
}
