// Pure file formats (NACHA, Metro 2): see ../README.md. Nothing is exported until the first format lands.
export {};
