export function seedStatements(people: number, month: string, nextMonth: string): string[];
export function seedAnotherMonthStatements(people: number, firstMonth: string, month: string): string[];
