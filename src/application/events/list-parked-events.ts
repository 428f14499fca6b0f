import { Injectable } from '@nestjs/common';
import type { Page, PageRequest } from '../shared/page';
import { ParkedEvents, type ParkedEventView } from './parked-events';

@Injectable()
export class ListParkedEvents {
  constructor(private readonly parked: ParkedEvents) {}

  execute(request: PageRequest, consumer?: string): Promise<Page<ParkedEventView>> {
    return this.parked.list(request, consumer);
  }
}
