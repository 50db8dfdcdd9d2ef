/** The demo installation: invented offices, accounts and a register to try Polku with. It has no routes. */
export { demoOffices, demoOrganisations, installDemo } from './installDemo.ts';
