/** Enumerations of a customs declaration, registered once for GraphQL. */
import { registerEnumType } from 'type-graphql';

export enum Channel {
  GREEN = 'GREEN',
  YELLOW = 'YELLOW',
  RED = 'RED',
}

export enum Direction {
  IMPORT = 'IMPORT',
  EXPORT = 'EXPORT',
}

export enum DeclarationStatus {
  REGISTERED = 'REGISTERED',
  UNDER_INSPECTION = 'UNDER_INSPECTION',
  RELEASED = 'RELEASED',
  CLEARED = 'CLEARED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(Channel, {
  name: 'Channel',
  description: 'Luồng: risk channel assigned by VNACCS.',
  valuesConfig: {
    GREEN: { description: 'Luồng xanh: no document check, no physical inspection.' },
    YELLOW: { description: 'Luồng vàng: document check.' },
    RED: { description: 'Luồng đỏ: document check and physical inspection.' },
  },
});
registerEnumType(Direction, { name: 'Direction', description: 'Import (nhập khẩu) or export (xuất khẩu).' });
registerEnumType(DeclarationStatus, { name: 'DeclarationStatus' });
