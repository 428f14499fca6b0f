import { Injectable } from '@nestjs/common';

/**
 * Whether the process was asked to stop (SIGTERM, SIGINT). Between the signal and the server's close, background
 * jobs finish what they are doing (a mail being sent, a webhook attempt: up to their timeouts), and the server
 * still serves. Meanwhile readiness fails, so load balancers stop sending requests, and every reply closes its
 * connection, so kept-alive clients take their next request elsewhere instead of finding the connection cut.
 */
@Injectable()
export class Draining {
  private started = false;

  get active(): boolean {
    return this.started;
  }

  begin(): void {
    this.started = true;
  }
}
