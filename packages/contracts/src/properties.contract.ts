import { z } from 'zod';
import { idSchema, US_STATES } from './common.contract.ts';

export const unitSchema = z.object({
  id: idSchema,
  propertyId: idSchema,
  label: z.string(),
  accountingCode: z.string().nullable(),
});
export type Unit = z.infer<typeof unitSchema>;

export const propertySchema = z.object({
  id: idSchema,
  companyId: idSchema,
  companyName: z.string(),
  name: z.string(),
  street: z.string(),
  city: z.string(),
  state: z.string(),
  postalCode: z.string(),
  accountingCode: z.string().nullable(),
  units: z.array(unitSchema),
});
export type Property = z.infer<typeof propertySchema>;

export const unitLabelSchema = z
  .string()
  .trim()
  .min(1, { message: 'Enter the unit label, e.g. 4B' })
  .max(20, { message: 'Use at most 20 characters' });

const accountingCodeSchema = z.string().trim().min(1).max(50);

export const createUnitRequestSchema = z.strictObject({
  label: unitLabelSchema,
  accountingCode: accountingCodeSchema.optional(),
});
export type CreateUnitRequest = z.infer<typeof createUnitRequestSchema>;

export const createPropertyRequestSchema = z.strictObject({
  companyId: idSchema,
  name: z.string().trim().min(1, { message: 'Enter the property name' }).max(200),
  street: z.string().trim().min(3, { message: 'Enter the street address' }).max(200),
  city: z.string().trim().min(1, { message: 'Enter the city' }).max(100),
  state: z.enum(US_STATES, { message: 'Choose a US state' }),
  postalCode: z.string().trim().regex(/^\d{5}(-\d{4})?$/, { message: 'Use a ZIP code: 12345 or 12345-6789' }),
  accountingCode: accountingCodeSchema.optional(),
  units: z.array(createUnitRequestSchema).max(2000).default([]),
});
export type CreatePropertyRequest = z.input<typeof createPropertyRequestSchema>;

export const listPropertiesQuerySchema = z.strictObject({
  companyId: idSchema.optional(),
});

export const propertyListSchema = z.object({ items: z.array(propertySchema) });
