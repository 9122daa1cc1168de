import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, HttpAdapterHost, MetadataScanner } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { OperationsMetrics } from './operations-metrics';
import { DeclaredRoute, RouteTable } from './route-table';

/**
 * Times every request the HTTP server receives, from its arrival to the end of its answer, by
 * route template and status. It listens on the Node server itself, which every Nest HTTP adapter
 * (Express, Fastify) runs, so it counts what is answered before any route (body too large, bad
 * path, refused by a guard) and needs nothing of the adapter.
 */
@Injectable()
export class HttpMetrics implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly metrics: OperationsMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) return;
    const routes = new RouteTable(this.declaredRoutes());
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      const started = process.hrtime.bigint();
      // Read now: a router may rewrite req.url while it works.
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      res.once('close', () => {
        const status = res.writableFinished ? String(res.statusCode) : 'aborted';
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        this.metrics.requestDuration.observe({ method, route: routes.label(method, url), status }, seconds);
      });
    });
  }

  /** Every route the controllers declare, read from Nest's own route metadata. */
  private declaredRoutes(): DeclaredRoute[] {
    const routes: DeclaredRoute[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype;
      if (!controller) continue;
      const prefixes = [Reflect.getMetadata(PATH_METADATA, controller) ?? '/'].flat() as string[];
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
        for (const prefix of prefixes)
          for (const path of [paths].flat()) routes.push({ method, path: `${prefix}/${path}` });
      }
    }
    return routes;
  }
}
