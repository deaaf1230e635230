// Pure file formats (NACHA, Metro 2): see ../README.md.
export * from './nacha/index.ts';
