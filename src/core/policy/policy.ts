import type { NoteSensitivity } from '../codes.ts';

/**
 * The one permission policy of Polku. Every route and service asks it; nothing else decides access.
 * Deny by default: a role, action or field group missing from these tables is refused.
 */
export const roles = ['director', 'caseworker', 'nurse', 'coach', 'partner', 'researcher', 'administrator'] as const;
export type Role = (typeof roles)[number];

/** `case`: referral, decision, exploitation, official identification and termination. */
export const fieldGroups = [
  'identity',
  'contact',
  'case',
  'health',
  'immigration',
  'criminal_proceedings',
  'services',
  'coaching',
  'notes',
  'documents',
] as const;
export type FieldGroup = (typeof fieldGroups)[number];

/** How the actor stands to one client's record. */
export type Relationship = 'assigned' | 'shared' | 'office' | 'none';

export interface Actor {
  id: string;
  role: Role;
  officeId: string | null;
  organisationId: string | null;
  /** Designated by the director to decide admissions and identification, as a director does. */
  designatedOfficial?: boolean;
}

/** Actions that are not about one client's fields. */
const actionRoles = {
  'accounts.manage': ['administrator'],
  // Separation of duties: what an administrator asks that would open client data, a director decides.
  'accounts.confirmGrants': ['director'],
  // The register in and out as an exchange file: pseudonymous lines, no names or contact details.
  'exchange.import': ['administrator'],
  'exchange.export': ['administrator'],
  // What the installation's letters say of the sender and the appeal.
  'installation.manage': ['administrator'],
  // The home page's counts: each is counted only for a list the reader may see, in its scope.
  'overview.read': ['director', 'caseworker', 'nurse', 'coach', 'partner'],
  'clients.create': ['director', 'caseworker'],
  'clients.list': ['director', 'caseworker', 'nurse', 'coach', 'partner'],
  'clients.read': ['director', 'caseworker', 'nurse', 'coach', 'partner'],
  // Writing one field group is then decided by clientAccess: the route only admits the roles.
  'clients.write': ['director', 'caseworker', 'nurse', 'coach', 'partner'],
  'clients.accessLog': ['director'],
  // Ended assistance is reopened by the one who answers for the assistance system's decisions.
  'clients.reopen': ['director'],
  'clients.share': ['director', 'caseworker'],
  'referrals.create': ['director', 'caseworker', 'partner'],
  'referrals.sent': ['partner'],
  'referrals.queue': ['director', 'caseworker'],
  'referrals.withdraw': ['director', 'caseworker'],
  // A child's referral needs no consent; only the assistance system's staff may record one so, with a reason.
  'referrals.consentOverride': ['director', 'caseworker'],
  'referrals.decide': ['director'],
  'reflection.overview': ['director', 'caseworker'],
  'identification.queue': ['director', 'caseworker'],
  'identification.decide': ['director'],
  // Choosing who works on a case: the assistance system's active staff, by name and role.
  'staff.list': ['director', 'caseworker'],
  'tasks.mine': ['director', 'caseworker', 'nurse', 'coach', 'partner'],
  'organisations.read': ['director', 'caseworker', 'nurse', 'coach', 'partner', 'researcher', 'administrator'],
  // Small counts can identify a person: only the assistance system's own staff see every count.
  'statistics.internal': ['director', 'caseworker'],
  'statistics.published': ['director', 'caseworker', 'nurse', 'coach', 'partner', 'researcher', 'administrator'],
  // A year's published statistics are fixed, and corrected, by the one who answers for the assistance system.
  'statistics.publish': ['director'],
  // Work-life coaching: programmes (templates) and groups. Which groups is listScope's: a coach the
  // groups they coach, a partner those their organisation co-organises, the director every group.
  'coaching.programmes': ['director', 'coach', 'partner'],
  'coaching.programmes.manage': ['coach'],
  'coaching.groups': ['director', 'coach', 'partner'],
  'coaching.groups.manage': ['coach'],
  // Participants of coaching groups, who need not be clients. Whose is participantScope's; what of
  // them participantAccess's. The coaches record everything but the psychologist's meetings, which
  // the assistance system's health professional records (health data: no coach or partner reads them).
  'coaching.participants': ['director', 'coach', 'partner', 'nurse'],
  'coaching.participants.manage': ['coach'],
  'coaching.psychology': ['nurse'],
  // Reports of groups and programmes: the internal form for the assistance system's director and the
  // coaches (of their groups); the published form, with the annual statistics' disclosure control, for funders and partners.
  'coaching.reports': ['director', 'coach'],
  'coaching.reports.published': ['director', 'coach', 'partner'],
  // A coach's own reminders: absences to check on, follow-ups to make.
  'coaching.tasks': ['coach'],
  // The employment study: not client data. Researchers work on the studies whose team they are on
  // (studyScope); the director oversees every study and changes none.
  'studies.list': ['director', 'researcher'],
  'studies.read': ['director', 'researcher'],
  'studies.create': ['researcher'],
  'studies.write': ['researcher'],
  // The competence centre: consultations (none names the person discussed) and training, the
  // assistance system's own staff's work. Reading one opens the professional's sealed contact.
  'consultations.list': ['director', 'caseworker'],
  'consultations.read': ['director', 'caseworker'],
  'consultations.record': ['director', 'caseworker'],
  'training.list': ['director', 'caseworker'],
  'training.record': ['director', 'caseworker'],
  // The path to work: the directory of partner services, read by whoever works on a person's path,
  // kept by the assistance system's staff.
  'pathway.directory': ['director', 'caseworker', 'nurse', 'coach', 'partner'],
  'pathway.directory.manage': ['director', 'caseworker'],
  // Distance travelled on the progress scale over the clients in the reader's scope.
  'pathway.reports': ['director', 'caseworker'],
  // The path to work's outcome report over the whole assistance system, for it and its funders: the
  // director answers for both forms. The published form is counted live (the annual statistics'
  // releases are not), so it is not opened wider: comparing two readings could tell of one person.
  'pathway.outcomes': ['director'],
  'pathway.outcomes.published': ['director'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof actionRoles;
export const actions = Object.keys(actionRoles) as Action[];

/** Actions a role gets only when the account is a designated official. */
const designatedRoles: Partial<Record<Action, readonly Role[]>> = {
  'referrals.decide': ['caseworker'],
  'identification.decide': ['caseworker'],
};

export function can(actor: Actor | null, action: Action): boolean {
  if (actor === null) return false;
  if ((actionRoles[action] as readonly Role[]).includes(actor.role)) return true;
  return actor.designatedOfficial === true && (designatedRoles[action]?.includes(actor.role) ?? false);
}

interface Grant {
  read: readonly FieldGroup[];
  write: readonly FieldGroup[];
  /** Someone outside the case must state why they open the record; the reason goes to the audit log. */
  reasonRequired: boolean;
}

const all = fieldGroups;
const caseWork: FieldGroup[] = ['identity', 'case', 'immigration', 'criminal_proceedings', 'services', 'notes'];
const none: Grant = { read: [], write: [], reasonRequired: false };

const clientGrants: Record<Role, Partial<Record<Relationship, Grant>>> = {
  director: {
    assigned: { read: all, write: all, reasonRequired: false },
    shared: { read: all, write: all, reasonRequired: false },
    office: { read: all, write: all, reasonRequired: false },
    none: { read: all, write: all, reasonRequired: false },
  },
  caseworker: {
    assigned: { read: all, write: all.filter((group) => group !== 'health'), reasonRequired: false },
    office: { read: caseWork, write: [], reasonRequired: true },
    shared: { read: caseWork, write: [], reasonRequired: true },
    none: { read: caseWork, write: [], reasonRequired: true },
  },
  nurse: {
    assigned: {
      read: ['identity', 'contact', 'health', 'immigration', 'services', 'notes', 'documents'],
      write: ['health', 'notes', 'documents'],
      reasonRequired: false,
    },
    office: { read: ['identity', 'health'], write: [], reasonRequired: true },
    shared: { read: ['identity', 'health'], write: [], reasonRequired: true },
    none: { read: ['identity', 'health'], write: [], reasonRequired: true },
  },
  coach: {
    assigned: { read: ['identity', 'coaching'], write: ['coaching'], reasonRequired: false },
  },
  // A partner's grant is narrowed further to the field groups shared with their organisation.
  partner: {
    shared: {
      read: ['identity', 'contact', 'immigration', 'services', 'coaching', 'notes', 'documents'],
      write: ['services', 'notes', 'documents'],
      reasonRequired: false,
    },
  },
  researcher: {},
  administrator: {},
};

/**
 * What a list view shows of each person in it, by the list's action: the list's field groups. The
 * list's rows are the actor's own scope; these groups are all a row may carry, and all its audit names.
 */
const listGrants: Partial<Record<Action, readonly FieldGroup[]>> = {
  'clients.list': ['identity'],
  'referrals.queue': ['identity', 'case'],
  'referrals.sent': ['identity', 'case'],
  'reflection.overview': ['identity', 'immigration'],
  'identification.queue': ['identity', 'case'],
  'tasks.mine': ['identity', 'notes'],
  'coaching.participants': ['identity'],
  'coaching.tasks': ['identity', 'coaching'],
  'pathway.reports': ['coaching'],
};

/**
 * Whose records a list shows: every client, the clients the actor is assigned to, or the clients
 * shared with the actor's organisation. Lists ask this; no role check is written anywhere else.
 */
export type Scope = 'all' | 'assigned' | 'organisation' | 'none';
const roleScopes: Record<Role, Scope> = {
  director: 'all',
  caseworker: 'assigned',
  nurse: 'assigned',
  coach: 'assigned',
  partner: 'organisation',
  researcher: 'none',
  administrator: 'none',
};

/**
 * Queues that are the assistance system's shared work, not one worker's clients: whoever may see
 * the queue sees all of it (a referral waits for whoever decides it; identification for the group).
 */
const sharedQueues: Partial<Record<Action, Scope>> = { 'referrals.queue': 'all', 'identification.queue': 'all' };

export function listScope(actor: Actor, action: Action): Scope {
  return can(actor, action) ? (sharedQueues[action] ?? roleScopes[actor.role]) : 'none';
}

/**
 * Whose coaching participants an actor reaches: every one; those in the groups they coach (and those
 * they recorded, before enrolment); those whose consent shares their coaching data with the actor's
 * organisation. The health professional reaches every participant, for the psychologist's meetings.
 */
const participantScopes: Partial<Record<Role, Scope>> = { director: 'all', coach: 'assigned', partner: 'organisation', nurse: 'all' };

export function participantScope(actor: Actor, action: Action): Scope {
  return action.startsWith('coaching.') && can(actor, action) ? (participantScopes[actor.role] ?? 'none') : 'none';
}

/**
 * What of a participant in scope an actor reads and writes: the name (identity), the coaching data
 * (assessment, guidance, attendance, goals, follow-up), and the psychologist's meetings (health).
 */
const participantGrants: Partial<Record<Role, { read: readonly FieldGroup[]; write: readonly FieldGroup[] }>> = {
  director: { read: ['identity', 'coaching'], write: [] },
  coach: { read: ['identity', 'coaching'], write: ['identity', 'coaching'] },
  partner: { read: ['identity', 'coaching'], write: [] },
  nurse: { read: ['identity', 'health'], write: ['health'] },
};

export function participantAccess(actor: Actor): { read: FieldGroup[]; write: FieldGroup[] } {
  const grant = can(actor, 'coaching.participants') ? participantGrants[actor.role] : undefined;
  return { read: [...(grant?.read ?? [])], write: [...(grant?.write ?? [])] };
}

/**
 * Which studies an actor reaches with a study action: every study, or those whose team they are on.
 * A study's data is no client's; a researcher never reaches a client record through it.
 */
export type StudyScope = 'all' | 'team' | 'none';
const studyScopes: Partial<Record<Role, StudyScope>> = { director: 'all', researcher: 'team' };

export function studyScope(actor: Actor, action: Action): StudyScope {
  return action.startsWith('studies.') && can(actor, action) ? (studyScopes[actor.role] ?? 'none') : 'none';
}

/** Whether the actor may take a study action on one study, knowing whether they are on its team. */
export function studyAccess(actor: Actor, action: Action, onTeam: boolean): boolean {
  const scope = studyScope(actor, action);
  return scope === 'all' || (scope === 'team' && onTeam);
}

/** Who may change which organisations a client's record is shared with: the director, and the staff on the case. */
export function canShare(actor: Actor, relationship: Relationship): boolean {
  return can(actor, 'clients.share') && (roleScopes[actor.role] === 'all' || relationship === 'assigned');
}

/**
 * A partner refers on behalf of their organisation: the referral names the organisation, lands in no
 * office (the assistance system places it), and the partner gets back only that it arrived.
 */
export function refersForOrganisation(actor: Actor): boolean {
  return roleScopes[actor.role] === 'organisation';
}

/** The roles allowed an action: who may be chosen for work that needs it (the coaches of a group). */
export function rolesAllowed(action: Action): Role[] {
  return roles.filter((role) => (actionRoles[action] as readonly Role[]).includes(role));
}

export function listAccess(actor: Actor, action: Action): FieldGroup[] {
  return can(actor, action) ? [...(listGrants[action] ?? [])] : [];
}

/**
 * A referral of a person who has no record yet is intake work: the staff who may decide or queue
 * referrals read what the referral says. Once the person has a record, the referral is part of it
 * and `clientAccess` decides, with the record's reason rule.
 */
export function intakeAccess(actor: Actor): FieldGroup[] {
  return can(actor, 'referrals.queue') ? ['identity', 'contact', 'case', 'immigration'] : [];
}

export interface ClientAccess {
  relationship: Relationship;
  read: FieldGroup[];
  write: FieldGroup[];
  reasonRequired: boolean;
}

export function clientAccess(actor: Actor, relationship: Relationship, sharedGroups: readonly string[] = []): ClientAccess {
  const grant = clientGrants[actor.role]?.[relationship] ?? none;
  const narrow = (groups: readonly FieldGroup[]) =>
    actor.role === 'partner' ? groups.filter((group) => sharedGroups.includes(group)) : [...groups];
  return { relationship, read: narrow(grant.read), write: narrow(grant.write), reasonRequired: grant.reasonRequired };
}

/**
 * What an ended case still takes, of what the actor may otherwise write: the notes and tasks of its
 * follow-up and its documents, by the assistance system's own staff. Services, reflection,
 * identification, residence and the rest are closed; a partner writes nothing more.
 */
export function endedCaseWrites(actor: Actor, access: ClientAccess): FieldGroup[] {
  if (roleScopes[actor.role] === 'organisation') return [];
  return access.write.filter((group) => group === 'notes' || group === 'documents');
}

/** A role whose grants read some part of a client's record. */
export function readsClientData(role: Role): boolean {
  return Object.values(clientGrants[role]).some((grant) => grant.read.length > 0);
}

const relationships: Relationship[] = ['assigned', 'shared', 'office', 'none'];
const within = <T>(some: readonly T[], others: readonly T[]) => some.every((item) => others.includes(item));

/**
 * Whether changing an account from `from` to `to` needs a second person (separation of duties):
 * when `to` reads client data and may do, read or write anything `from` may not, or stands in
 * another office or organisation (other clients are then its office's or shared with it).
 * `from` is null for an account that has had no access yet. A change that only takes access
 * away needs no one else.
 */
export function grantNeedsConfirmation(from: Actor | null, to: Actor): boolean {
  if (!readsClientData(to.role)) return false;
  if (from === null || !readsClientData(from.role)) return true;
  if (from.officeId !== to.officeId || from.organisationId !== to.organisationId) return true;
  if (actions.some((action) => can(to, action) && !can(from, action))) return true;
  return relationships.some((relationship) => {
    const before = clientAccess(from, relationship, fieldGroups);
    const after = clientAccess(to, relationship, fieldGroups);
    return (
      !within(after.read, before.read) ||
      !within(after.write, before.write) ||
      (before.reasonRequired && !after.reasonRequired) ||
      !within(readableSensitivities(to, relationship), readableSensitivities(from, relationship))
    );
  });
}

/**
 * Which notes an actor reads, by the note's sensitivity: `normal` to anyone with the notes group,
 * `sensitive` to the assistance system's own staff, `restricted` to the director and the staff on the case.
 */
export function readableSensitivities(actor: Actor, relationship: Relationship): NoteSensitivity[] {
  if (actor.role === 'director') return ['normal', 'sensitive', 'restricted'];
  if (actor.role === 'caseworker' || actor.role === 'nurse')
    return relationship === 'assigned' ? ['normal', 'sensitive', 'restricted'] : ['normal', 'sensitive'];
  return ['normal'];
}

/**
 * On the path to work, a partner organisation works only on what names it: the plans it is a partner
 * on (with the person's consent recorded) and the pathway services it provides. Others on the record
 * see all of them, as their field groups allow.
 */
export function worksOnOwnOrganisationsOnly(actor: Actor): boolean {
  return roleScopes[actor.role] === 'organisation';
}
