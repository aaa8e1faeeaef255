import { describe, expect, it } from 'vitest';
import { matchRoute, safeNextPath, signInPath } from './routes';

describe('routes', () => {
  it.each([
    [null, '/'],
    ['/confirm-email', '/confirm-email'],
    ['/?a=1', '/?a=1'],
    ['https://evil.example/', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['/sign-in?next=/', '/'],
  ])('safeNextPath(%j) is %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it('builds the sign-in path with the page to return to', () => {
    expect(signInPath('/confirm-email')).toBe('/sign-in?next=%2Fconfirm-email');
    expect(signInPath()).toBe('/sign-in');
  });

  it('matches paths with or without a trailing slash', () => {
    expect(matchRoute('/sign-up/')?.name).toBe('signUp');
    expect(matchRoute('/')?.name).toBe('myRoles');
    expect(matchRoute('/nope')).toBeUndefined();
  });
});
