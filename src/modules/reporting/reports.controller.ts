import { Controller, Get, Req, type StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { GetSalesReport } from '../../application/reporting/get-sales-report';
import { GetTopProducts } from '../../application/reporting/get-top-products';
import { StoreCurrency } from '../../application/shared/store-currency';
import { AdminOnly } from '../shared/access.decorators';
import { ApiProblems } from '../shared/api-problems.decorator';
import { csvResponse, wantsCsv } from '../shared/csv';
import { Query } from '../shared/validated-input';
import { SalesReportQueryDto, TopProductsQueryDto } from './dto/report-query.dto';
import { SalesReportDto } from './dto/sales-report.dto';
import { TopProductDto } from './dto/top-product.dto';

const jsonOrCsv = (model: object, csvColumns: string) => ({
  content: {
    'application/json': { schema: model },
    'text/csv': { schema: { type: 'string', maxLength: 10_000_000, description: `RFC 4180, header row: ${csvColumns}. Text a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is prefixed with a single quote.` } },
  },
});

@ApiTags('reports')
@AdminOnly()
@ApiProduces('application/json', 'text/csv')
@ApiExtraModels(SalesReportDto, TopProductDto)
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly salesReport: GetSalesReport,
    private readonly topProducts: GetTopProducts,
    private readonly currency: StoreCurrency,
  ) {}

  @Get('sales')
  @ApiOperation({
    operationId: 'getSalesReport',
    summary: 'Sales by day, week or month: orders, gross, refunds, net, average order value',
    description: 'Both dates inclusive, UTC. Every period appears, zeros included. `Accept: text/csv` answers CSV.',
  })
  @ApiOkResponse(jsonOrCsv({ $ref: getSchemaPath(SalesReportDto) }, 'period,orders,gross,refunds,net,averageOrderValue'))
  @ApiProblems(400, 422)
  async sales(@Query() query: SalesReportQueryDto, @Req() request: FastifyRequest): Promise<SalesReportDto | StreamableFile> {
    const report = await this.salesReport.execute(query);
    if (!wantsCsv(request.headers.accept)) return SalesReportDto.from(report);
    return csvResponse(
      ['period', 'orders', 'gross', 'refunds', 'net', 'averageOrderValue'],
      report.buckets.map((b) => [b.period, b.orders, b.gross, b.refunds, b.net, b.averageOrderValue]),
      `sales-${report.from}-${report.to}-${report.interval}.csv`,
    );
  }

  @Get('top-products')
  @ApiOperation({
    operationId: 'getTopProducts',
    summary: 'Products by revenue from orders paid in the range',
    description: '`Accept: text/csv` answers CSV.',
  })
  @ApiOkResponse(jsonOrCsv({ type: 'array', maxItems: 100, items: { $ref: getSchemaPath(TopProductDto) } }, 'productId,sku,name,unitsSold,revenue'))
  @ApiProblems(400, 422)
  async top(@Query() query: TopProductsQueryDto, @Req() request: FastifyRequest): Promise<TopProductDto[] | StreamableFile> {
    const products = await this.topProducts.execute(query);
    if (!wantsCsv(request.headers.accept)) return products.map((product) => TopProductDto.from(product, this.currency.code));
    return csvResponse(
      ['productId', 'sku', 'name', 'unitsSold', 'revenue'],
      products.map((p) => [p.productId, p.sku, p.name, p.unitsSold, p.revenue]),
      `top-products-${query.from}-${query.to}.csv`,
    );
  }
}
