export * from './common.contract.ts';
export * from './auth.contract.ts';
export * from './companies.contract.ts';
export * from './properties.contract.ts';
export * from './audit.contract.ts';
export * from './tasks.contract.ts';
export * from './integration.contract.ts';
export * from './residents.contract.ts';
