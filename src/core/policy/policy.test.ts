import { describe, expect, it } from 'vitest';
import {
  actions,
  can,
  canShare,
  clientAccess,
  listScope,
  fieldGroups,
  grantNeedsConfirmation,
  readsClientData,
  roles,
  type Actor,
  type Role,
} from './policy.ts';

const actor = (role: Role): Actor => ({ id: 'a', role, officeId: 'helsinki', organisationId: role === 'partner' ? 'riku' : null });

describe('the permission policy', () => {
  it('denies everything to no one logged in', () => {
    for (const action of actions) expect(can(null, action)).toBe(false);
  });

  it('gives account management to administrators only, and no client data to them', () => {
    for (const role of roles) expect(can(actor(role), 'accounts.manage')).toBe(role === 'administrator');
    for (const relationship of ['assigned', 'shared', 'office', 'none'] as const) {
      expect(clientAccess(actor('administrator'), relationship, [...fieldGroups]).read).toEqual([]);
    }
  });

  it('never shows a researcher an identity', () => {
    for (const relationship of ['assigned', 'shared', 'office', 'none'] as const) {
      expect(clientAccess(actor('researcher'), relationship, [...fieldGroups]).read).not.toContain('identity');
    }
  });

  it('shows a partner only the field groups shared with their organisation, never health', () => {
    expect(clientAccess(actor('partner'), 'shared', ['identity', 'services']).read).toEqual(['identity', 'services']);
    expect(clientAccess(actor('partner'), 'shared', ['health']).read).toEqual([]);
    expect(clientAccess(actor('partner'), 'office', [...fieldGroups]).read).toEqual([]);
    expect(clientAccess(actor('partner'), 'none', [...fieldGroups]).read).toEqual([]);
  });

  it('makes staff outside the case state a reason, and keeps protected whereabouts from them', () => {
    const outside = clientAccess(actor('caseworker'), 'office');
    expect(outside.reasonRequired).toBe(true);
    expect(outside.read).not.toContain('contact');
    expect(outside.write).toEqual([]);
    const own = clientAccess(actor('caseworker'), 'assigned');
    expect(own.reasonRequired).toBe(false);
    expect(own.read).toContain('contact');
    expect(own.write).not.toContain('health');
  });

  it('lets a nurse, not a caseworker, write health data', () => {
    expect(clientAccess(actor('nurse'), 'assigned').write).toContain('health');
    expect(clientAccess(actor('caseworker'), 'assigned').write).not.toContain('health');
  });
});

describe('separation of duties', () => {
  it('counts as reading client data exactly the roles with a client grant', () => {
    expect(roles.filter(readsClientData)).toEqual(['director', 'caseworker', 'nurse', 'coach', 'partner']);
  });

  it('needs a second person for a change that opens client data, and none for one that closes it', () => {
    const at = (role: Role, changes: Partial<Actor> = {}): Actor => ({ ...actor(role), ...changes });
    expect(grantNeedsConfirmation(at('administrator'), at('director'))).toBe(true);
    expect(grantNeedsConfirmation(null, at('coach'))).toBe(true);
    expect(grantNeedsConfirmation(at('caseworker'), at('nurse'))).toBe(true);
    expect(grantNeedsConfirmation(at('caseworker'), at('caseworker', { officeId: 'tampere' }))).toBe(true);
    expect(grantNeedsConfirmation(at('caseworker'), at('caseworker', { designatedOfficial: true }))).toBe(true);
    expect(grantNeedsConfirmation(at('caseworker', { designatedOfficial: true }), at('caseworker'))).toBe(false);
    expect(grantNeedsConfirmation(at('director'), at('caseworker'))).toBe(false);
    expect(grantNeedsConfirmation(at('director'), at('researcher'))).toBe(false);
    expect(grantNeedsConfirmation(at('caseworker'), at('administrator'))).toBe(false);
  });

  it('decides whose records a list shows: the director every client, staff their own, a partner what is shared with them', () => {
    expect(Object.fromEntries(roles.map((role) => [role, listScope(actor(role), 'clients.list')]))).toEqual({
      director: 'all',
      caseworker: 'assigned',
      nurse: 'assigned',
      coach: 'assigned',
      partner: 'organisation',
      researcher: 'none',
      administrator: 'none',
    });
    expect(listScope(actor('nurse'), 'reflection.overview')).toBe('none');
    expect([
      canShare(actor('director'), 'none'),
      canShare(actor('caseworker'), 'assigned'),
      canShare(actor('caseworker'), 'office'),
      canShare(actor('partner'), 'shared'),
    ]).toEqual([true, true, false, false]);
  });
});
