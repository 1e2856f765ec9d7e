export function seedStatements(people: number, month: string, nextMonth: string): string[];
