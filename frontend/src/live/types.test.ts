import { describe, expect, it } from 'vitest';
import { commentChange, goalChange, notificationData } from './types.ts';

describe('live data', () => {
  it('reads goal changes, refusing what is not one', () => {
    const goal = { id: 'g-1', metric: 'score', target: 70, deadline: '2026-12-31', status: 'on_track' };
    expect(goalChange({ action: 'created', goal })).toEqual({ action: 'created', goal });
    expect(goalChange({ action: 'deleted', id: 'g-1' })).toEqual({ action: 'deleted', id: 'g-1' });
    expect(goalChange({ action: 'updated', goal: { id: 'g-1' } })).toBeNull();
    expect(goalChange('nope')).toBeNull();
  });

  it('reads comment changes, filling in what a comment may leave out', () => {
    expect(commentChange({ action: 'created', comment: { id: 'c-1', text: 'Hi' } })).toEqual({
      action: 'created',
      comment: { id: 'c-1', text: 'Hi', parentId: null, metric: null, date: null, alertId: null, author: null, mentions: [], replies: [] },
    });
    expect(commentChange({ action: 'deleted', id: 'c-1' })).toEqual({ action: 'deleted', id: 'c-1' });
    expect(commentChange({ action: 'deleted' })).toBeNull();
  });

  it('reads a notification', () => {
    const shown = { id: 7, personId: 'u-1', clientId: 'c-1', summary: 'Ada mentioned you', createdAt: '2026-12-06T10:00:00Z' };
    expect(notificationData(shown)).toEqual({ ...shown, readAt: null });
    expect(notificationData({ id: 7, personId: 'u-1' })).toBeNull(); // nothing to show
    // the server's ids are numbers: a string id is not one of its notifications
    expect(notificationData({ ...shown, id: '7' })).toBeNull();
  });
});
