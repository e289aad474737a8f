import { commandKey } from './command-profile';

describe('commandKey', () => {
  it('names a command with the collection it works on', () => {
    expect(commandKey('update', { update: 'complaints', updates: [] })).toBe('update complaints');
    expect(commandKey('find', { find: 'processed_events', filter: { _id: 'e1' } })).toBe('find processed_events');
  });

  it('names a command without a collection by itself', () => {
    expect(commandKey('ping', { ping: 1 })).toBe('ping');
    expect(commandKey('hello', {})).toBe('hello');
  });
});
