import { NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';

/** A record id from the path: anything but a uuid cannot name a record, so it is a 404. */
export const IdParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      version: undefined,
      exceptionFactory: () => new NotFoundException(`No such ${name === 'id' ? 'record' : name}`),
    }),
  );
