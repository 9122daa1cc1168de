/** The demo network loaded into an empty development database: invented people, real places. */

import type { DemoLogin } from '../start-banner';

/** Fixed so a developer can log in straight away; never seeded in production. */
export const DEMO_LOGINS: readonly (DemoLogin & { role: 'secretariat' | 'representative' | 'member' })[] = [
  {
    role: 'secretariat',
    label: 'Secretariat',
    email: 'secretariat@seg.localhost',
    password: 'demo-secretariat-passphrase',
  },
  { role: 'representative', label: 'Rep', email: 'rep@seg.localhost', password: 'demo-representative-passphrase' },
  { role: 'member', label: 'Member', email: 'member@seg.localhost', password: 'demo-member-passphrase' },
];

export interface DemoPerson {
  name: string;
  title?: string;
  category: string;
  region: string;
  post?: { role: string; hub?: true; since: string };
  phone?: string;
  private?: true;
  /** Holds the demo representative login. */
  login?: 'representative' | 'member';
}

/** Spokes left without a rep on purpose, so the gaps show in the network view. */
export const DEMO_GAPS = ['north-east', 'south-central', 'northern-ireland'];

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    name: 'Helen Marsh',
    title: 'Clinical lead',
    category: 'prison-gp',
    region: 'yorkshire-humber',
    post: { role: 'Chair', hub: true, since: '2023-04-01' },
    phone: '0113 496 0001',
  },
  {
    name: 'Kwame Mensah',
    title: 'Salaried GP',
    category: 'prison-gp',
    region: 'west-midlands',
    post: { role: 'Vice chair', hub: true, since: '2024-01-01' },
  },
  {
    name: 'Siân Llewellyn',
    title: 'Secretary',
    category: 'offender-healthcare-manager',
    region: 'wales',
    post: { role: 'Secretary', hub: true, since: '2022-09-01' },
  },
  {
    name: 'Jo Whitfield',
    category: 'patient-rep',
    region: 'east-midlands',
    post: { role: 'National lead for lived experience', hub: true, since: '2024-06-01' },
    private: true,
  },
  {
    name: "Seán O'Brien",
    title: 'GP partner',
    category: 'prison-gp',
    region: 'london',
    post: { role: 'Regional lead', since: '2021-05-01' },
    phone: '020 7946 0101',
    login: 'representative',
  },
  {
    name: 'Priya Raman',
    title: 'Locum GP',
    category: 'prison-gp',
    region: 'london',
    post: { role: 'Deputy lead', since: '2023-02-01' },
  },
  {
    name: 'Zoë Ashworth-Clarke',
    category: 'forensic-medical-examiner',
    region: 'north-west',
    post: { role: 'Regional lead', since: '2022-11-01' },
  },
  {
    name: 'Ian McAllister',
    title: 'Head of healthcare',
    category: 'prison-gp',
    region: 'scotland',
    post: { role: 'Regional lead', since: '2020-03-01' },
  },
  {
    name: 'Amélie Durand',
    title: 'Clinical lead',
    category: 'prison-gp',
    region: 'east-of-england',
    post: { role: 'Regional lead', since: '2023-09-01' },
  },
  {
    name: 'Marcus Bell',
    category: 'offender-healthcare-manager',
    region: 'south-east-coast',
    post: { role: 'Regional lead', since: '2024-02-01' },
  },
  {
    name: 'Fiona Trelawny',
    title: 'Salaried GP',
    category: 'prison-gp',
    region: 'south-west',
    post: { role: 'Regional lead', since: '2019-07-01' },
  },
  {
    name: 'Tomasz Nowak',
    title: 'GP partner',
    category: 'prison-gp',
    region: 'east-midlands',
    post: { role: 'Regional lead', since: '2022-01-01' },
  },
  {
    name: 'Gareth Pryce',
    title: 'Locum GP',
    category: 'prison-gp',
    region: 'wales',
    post: { role: 'Regional lead', since: '2021-10-01' },
  },
  {
    name: 'Naomi Adeyemi',
    title: 'Head of healthcare',
    category: 'prison-gp',
    region: 'west-midlands',
    post: { role: 'Regional lead', since: '2023-05-01' },
  },
  {
    name: 'Rachel Stein',
    title: 'Clinical lead',
    category: 'prison-gp',
    region: 'yorkshire-humber',
    post: { role: 'Regional lead', since: '2020-11-01' },
  },
  {
    name: 'Dele Okafor',
    category: 'patient-rep',
    region: 'london',
    post: { role: 'Patient representative', since: '2024-03-01' },
    private: true,
  },
  { name: 'Chloé Martin', title: 'Salaried GP', category: 'prison-gp', region: 'north-east' },
  { name: 'Angus Fraser', title: 'Forensic physician', category: 'forensic-medical-examiner', region: 'scotland' },
  { name: 'Bridget Kelly', category: 'offender-healthcare-manager', region: 'northern-ireland' },
  { name: 'Li Wei', title: 'GP partner', category: 'prison-gp', region: 'south-central' },
  { name: 'Hannah Greenwood', title: 'Locum GP', category: 'prison-gp', region: 'north-west' },
  { name: 'Owen Rhys-Jones', category: 'other-profession', region: 'wales', title: 'Pharmacist' },
  { name: 'Aisha Rahman', title: 'Head of healthcare', category: 'prison-gp', region: 'london', login: 'member' },
  {
    name: 'Björn Larsen',
    title: 'Forensic physician',
    category: 'forensic-medical-examiner',
    region: 'south-east-coast',
  },
  { name: 'Claire Dunmore', category: 'other-profession', region: 'south-west', title: 'Mental health nurse' },
  { name: 'Michael Osei', title: 'Clinical lead', category: 'prison-gp', region: 'east-of-england' },
  { name: "Niamh D'Arcy", title: 'Salaried GP', category: 'prison-gp', region: 'northern-ireland' },
  { name: 'Paul Hendry', category: 'patient-rep', region: 'north-east', private: true },
  { name: 'Sofia Costa', title: 'GP partner', category: 'prison-gp', region: 'south-central' },
  { name: 'Rupert Ellis', title: 'Forensic physician', category: 'forensic-medical-examiner', region: 'london' },
  { name: 'Karen Whitlock', category: 'offender-healthcare-manager', region: 'yorkshire-humber' },
  { name: 'Ewan Grant', title: 'Locum GP', category: 'prison-gp', region: 'scotland' },
  { name: 'Meera Patel', title: 'Head of healthcare', category: 'prison-gp', region: 'east-midlands' },
  { name: 'Oluwaseun Bakare', title: 'Clinical lead', category: 'prison-gp', region: 'west-midlands' },
  { name: 'Gemma Frost', category: 'other-profession', region: 'north-west', title: 'Occupational therapist' },
  { name: 'François Lemaire', title: 'Salaried GP', category: 'prison-gp', region: 'south-east-coast' },
  { name: 'Catrin Morgan', title: 'GP partner', category: 'prison-gp', region: 'wales' },
  { name: 'Steve Ridley', category: 'patient-rep', region: 'south-west', private: true },
  { name: 'Yusuf Hassan', title: 'Locum GP', category: 'prison-gp', region: 'london' },
  {
    name: 'Emma Kowalczyk',
    title: 'Forensic physician',
    category: 'forensic-medical-examiner',
    region: 'east-of-england',
  },
];

/** Police custody suites: the seeded register has none, and the demo shows every type. */
export const DEMO_CUSTODY_SUITES = [
  { name: 'Charing Cross Police Station custody suite', town: 'London', region: 'london' },
  { name: 'Trafford Police Station custody suite', town: 'Manchester', region: 'north-west' },
];

/** A login-friendly, unique email for a demo person. */
export function demoEmail(name: string): string {
  const plain = name
    .replace(/^Dr /, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.');
  return `${plain}@seg.localhost`;
}
