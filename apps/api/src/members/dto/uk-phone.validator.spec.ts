import { isUkPhone, ukPhoneInternational } from './uk-phone.validator';

describe('isUkPhone', () => {
  it.each([
    '01632 960123',
    '07700 900123',
    '+44 7700 900123',
    '+44 (0)20 7946 0958',
    '020-7946-0958',
    '0044 1632 960 123',
    '0161 496 0000',
  ])('accepts %s', (n) => {
    expect(isUkPhone(n)).toBe(true);
  });

  it.each(['12345', '+1 212 555 0100', '07700 90012a', '0770090012345', '+44 07700 900123x', '', '00000000000'])(
    'refuses %s',
    (n) => {
      expect(isUkPhone(n)).toBe(false);
    },
  );
});

describe('ukPhoneInternational', () => {
  it.each([
    ['01632 960123', '+441632960123'],
    ['07700 900123', '+447700900123'],
    ['+44 7700 900123', '+447700900123'],
    ['+44 (0)20 7946 0958', '+442079460958'],
    ['0044 1632 960 123', '+441632960123'],
    ['020-7946-0958', '+442079460958'],
  ])('writes %s as %s', (n, international) => {
    expect(ukPhoneInternational(n)).toBe(international);
  });

  it('answers null for a number that is not a UK one', () => {
    expect(ukPhoneInternational('+1 212 555 0100')).toBeNull();
  });
});
