/**
 * A suite that exercises what a baseline must carry: a read called twice (the noise baseline),
 * a scenario whose later step uses an id captured from an earlier one, and a plain 404.
 */
export const scenarioSuite = `
suite: baseline scenarios
api: pizzashack
cases:
  - name: list the menu
    request: GET /menu
    expect: { status: 200 }

  - name: create then read an order
    steps:
      - name: create
        request:
          method: POST
          path: /order
          json: { customerName: Jane Doe, address: 1 Main Street, pizzaType: Pepperoni, creditCardNumber: "4111111111111111", quantity: 1 }
        expect: { status: 201 }
        capture:
          orderId: $.orderId
      - name: read
        request: GET /order/{{orderId}}
        expect:
          status: 200
          json: { $.pizzaType: Pepperoni }

  - name: an unknown order answers 404
    request: GET /order/00000000-0000-4000-8000-000000000000
    expect: { status: 404 }
`;
