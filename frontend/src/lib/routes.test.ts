import { describe, expect, it } from 'vitest';
import { matchRoute, organizationPath, safeNextPath, signInPath, withQuery } from './routes';

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

describe('routes with parameters', () => {
  it('matches the organization page and decodes its id', () => {
    const match = matchRoute('/organizations/T3JnYW5pemF0aW9uOjE%3D');
    expect(match?.name).toBe('organization');
    expect(match?.params).toEqual({ id: 'T3JnYW5pemF0aW9uOjE=' });
    expect(organizationPath('T3JnYW5pemF0aW9uOjE=')).toBe('/organizations/T3JnYW5pemF0aW9uOjE%3D');
  });

  it('does not match a missing or extra segment', () => {
    expect(matchRoute('/organizations')).toBeUndefined();
    expect(matchRoute('/organizations/a/b')).toBeUndefined();
  });

  it('builds paths with query parameters, leaving empty ones out', () => {
    expect(withQuery('/audit', { organization: 'abc', action: '' })).toBe('/audit?organization=abc');
    expect(withQuery('/audit', {})).toBe('/audit');
  });
});
