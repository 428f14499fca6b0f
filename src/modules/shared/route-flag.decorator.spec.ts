import 'reflect-metadata';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { RouteFlag } from './route-flag.decorator';

class Controller {
  @RouteFlag('first')
  @RouteFlag('second')
  both() {}

  @RouteFlag('first')
  one() {}
}

const configOf = (handler: () => void): unknown => Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler);

describe('RouteFlag', () => {
  it('keeps the flags another decorator set on the same route', () => {
    expect(configOf(Controller.prototype.both)).toEqual({ first: true, second: true });
  });

  it('sets only its own flag on a route', () => {
    expect(configOf(Controller.prototype.one)).toEqual({ first: true });
  });
});
