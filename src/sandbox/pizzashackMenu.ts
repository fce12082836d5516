/**
 * PizzaShack's menu. Two quirks are kept on purpose (facts §6): the items carry `icon` where the
 * published spec says `image` (a spec/backend mismatch both gateways show — a pre-existing
 * defect, not a regression), and prices are quoted live, so they change on every call (noise a
 * legacy-vs-legacy baseline must detect).
 */
export interface MenuItem {
  name: string;
  description: string;
  price: string;
  icon: string;
}

const dishes: ReadonlyArray<{ name: string; description: string; dollars: number; icon: string }> = [
  { name: 'BBQ Chicken Bacon', description: 'Grilled white chicken, hickory-smoked bacon and fresh sliced onions in barbeque sauce', dollars: 15, icon: '/images/6.png' },
  { name: 'Chicken Parmesan', description: 'Grilled chicken, fresh tomatoes, feta and mozzarella cheese', dollars: 12, icon: '/images/1.png' },
  { name: 'Chilly Chicken Cordon Bleu', description: 'Spinash Alfredo sauce topped with grilled chicken and tomatoes', dollars: 18, icon: '/images/10.png' },
  { name: 'Double Bacon 6Cheese', description: 'Hickory-smoked bacon, Julienne cut Canadian bacon, Parmesan, mozzarella, Romano, Asiago and and Fontina cheese', dollars: 16, icon: '/images/9.png' },
  { name: 'Garden Fresh', description: 'Slices onions and green peppers, gourmet mushrooms, black olives and ripe Roma tomatoes', dollars: 11, icon: '/images/3.png' },
];

/**
 * Creates a menu source that quotes a different price for every item on each of 100 successive
 * calls. The harness's noise baseline calls the legacy side twice per case, and other cases may
 * call the same backend in between: a price that merely differs from the previous call could
 * still repeat across those two calls, excuse nothing, and make the candidate's price look like a
 * regression. Stepping cents by 37 (coprime with 100) from a random start rules that out.
 */
export function createMenu(random: () => number = Math.random): () => MenuItem[] {
  const start = dishes.map(() => Math.floor(random() * 100));
  let call = 0;
  return () => {
    call += 1;
    return dishes.map((dish, index) => {
      const cents = (start[index]! + call * 37) % 100;
      return { name: dish.name, description: dish.description, price: `${dish.dollars}.${String(cents).padStart(2, '0')}`, icon: dish.icon };
    });
  };
}
