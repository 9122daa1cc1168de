import { RequestMethod } from '@nestjs/common';
import { OTHER_ROUTE, RouteTable } from './route-table';

describe('RouteTable', () => {
  const table = new RouteTable([
    { method: RequestMethod.GET, path: 'members/:id' },
    { method: RequestMethod.GET, path: '/members/export' },
    { method: RequestMethod.PATCH, path: '/members/:id' },
    { method: RequestMethod.POST, path: 'meetings/:id/invitations/:invitationId/resend' },
    { method: RequestMethod.GET, path: '/' },
    { method: RequestMethod.GET, path: 'health' },
  ]);

  it('names the template a request matched, a literal segment before a parameter', () => {
    expect(table.label('GET', '/members/3f1c9a2e-0000-4000-8000-000000000001')).toBe('/members/:id');
    expect(table.label('GET', '/members/export?format=csv')).toBe('/members/export');
    expect(table.label('PATCH', '/members/export')).toBe('/members/:id');
    expect(table.label('POST', '/meetings/a/invitations/b/resend')).toBe(
      '/meetings/:id/invitations/:invitationId/resend',
    );
    expect(table.label('HEAD', '/health')).toBe('/health');
    expect(table.label('GET', '/')).toBe('/');
  });

  it('puts everything else under one label, so no path makes a new series', () => {
    expect(table.label('DELETE', '/members/1')).toBe(OTHER_ROUTE);
    expect(table.label('GET', '/members/1/2')).toBe(OTHER_ROUTE);
    expect(table.label('GET', '/assets/index-1a2b.js')).toBe(OTHER_ROUTE);
    expect(table.label('GET', '/members/%E0%A4%A')).toBe(OTHER_ROUTE);
  });
});
