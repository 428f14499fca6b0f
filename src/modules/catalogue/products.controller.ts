import { Controller, Delete, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ArchiveProduct } from '../../application/catalogue/archive-product';
import { CreateProduct } from '../../application/catalogue/create-product';
import { GetProduct } from '../../application/catalogue/get-product';
import { ListProducts } from '../../application/catalogue/list-products';
import { type ProductView, productView } from '../../application/catalogue/product-views';
import { UpdateProduct } from '../../application/catalogue/update-product';
import type { Actor } from '../../application/shared/actor';
import { isStorableText } from '../../infrastructure/http/screen-request-input';
import { AdminOnly } from '../shared/access.decorators';
import { ApiProblems } from '../shared/api-problems.decorator';
import { decodeCursor, isUuid, pageDto } from '../shared/cursor';
import { ConditionalRead, ETAG_HEADER, entityTag, IfMatchVersions, isNamedByIfNoneMatch } from '../shared/entity-tag';
import { NoBody } from '../shared/no-body.decorator';
import { OptionalActor } from '../shared/optional-actor.decorator';
import { PathId } from '../shared/path-id.decorator';
import { Public } from '../shared/public.decorator';
import { Body, Query } from '../shared/validated-input';
import { CreateProductDto } from './dto/create-product.dto';
import { ProductListQueryDto } from './dto/product-list-query.dto';
import { ProductDto, ProductPageDto } from './dto/product.dto';
import { UpdateProductDto } from './dto/update-product.dto';

/** A product-list cursor holds [name, id]: a name PostgreSQL can compare, a UUID. */
const isProductKey = (key: string) => {
  try {
    const value: unknown = JSON.parse(key);
    return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && isStorableText(value[0]) && typeof value[1] === 'string' && isUuid(value[1]);
  } catch {
    return false;
  }
};

/** A product's reply, with its version as the ETag a change can be sent for (If-Match). */
function taggedProduct(reply: FastifyReply, product: ProductView): ProductDto {
  reply.header('etag', entityTag(product.version));
  return ProductDto.from(product);
}

@ApiTags('catalogue')
@Controller('products')
export class ProductsController {
  constructor(
    private readonly listProducts: ListProducts,
    private readonly getProduct: GetProduct,
    private readonly createProduct: CreateProduct,
    private readonly updateProduct: UpdateProduct,
    private readonly archiveProduct: ArchiveProduct,
  ) {}

  @Public('reads-caller')
  @Get()
  @ApiOperation({
    operationId: 'listProducts',
    summary: 'Products on sale, by name; search by name or SKU',
    description: 'Anyone can browse. Archived products are listed for admins only. `search` matches name or SKU; keyset pagination with `cursor`.',
  })
  @ApiOkResponse({ type: ProductPageDto })
  @ApiProblems(400, 401, 403)
  async list(@Query() query: ProductListQueryDto, @OptionalActor() actor?: Actor): Promise<ProductPageDto> {
    const page = await this.listProducts.execute(
      { limit: query.limit, after: decodeCursor(query.cursor, isProductKey), search: query.search, status: query.status },
      actor,
    );
    return pageDto(page, ProductDto.from);
  }

  @Public('reads-caller')
  @Get(':id')
  @ApiOperation({
    operationId: 'getProduct',
    summary: 'One product (archived ones for admins only)',
    description: 'Price in minor units, stock on hand and status. An archived product is a 404 except for admins.',
  })
  @ApiOkResponse({ type: ProductDto, headers: ETAG_HEADER })
  @ConditionalRead()
  @ApiProblems(400, 401, 404)
  async get(@PathId() id: string, @Res({ passthrough: true }) reply: FastifyReply, @OptionalActor() actor?: Actor): Promise<ProductDto | undefined> {
    const product = await this.getProduct.execute(id, actor);
    if (!isNamedByIfNoneMatch(reply.request.headers['if-none-match'], product.version)) return taggedProduct(reply, product);
    reply.code(304).header('etag', entityTag(product.version));
    return undefined;
  }

  @Post()
  @AdminOnly()
  @ApiOperation({
    operationId: 'createProduct',
    summary: 'Add a product to the catalogue',
    description: 'Admins only. The SKU is unique (409 when taken). Price in integer minor units of the store currency.',
  })
  @ApiCreatedResponse({ type: ProductDto, headers: ETAG_HEADER })
  @ApiProblems(400, 409, 413, 415)
  async create(@Body() body: CreateProductDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ProductDto> {
    return taggedProduct(reply, productView(await this.createProduct.execute(body)));
  }

  @Patch(':id')
  @AdminOnly()
  @ApiOperation({
    operationId: 'updateProduct',
    summary: 'Change name, description, price or stock; placed orders keep their prices',
    description:
      'Admins only. Only the fields sent change. Orders already placed keep the prices they were placed at. ' +
      'Send the ETag of the product read as If-Match to change it only if it is still that version (412 otherwise): ' +
      'every sale changes the version, so a stock count set from an earlier read cannot put back on sale what a sale reserved since.',
  })
  @ApiOkResponse({ type: ProductDto, headers: ETAG_HEADER })
  @ApiProblems(400, 404, 409, 412, 413, 415)
  async update(
    @PathId() id: string,
    @Body() body: UpdateProductDto,
    @IfMatchVersions() expectedVersions: readonly number[] | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProductDto> {
    return taggedProduct(reply, productView(await this.updateProduct.execute(id, body, expectedVersions)));
  }

  @Delete(':id')
  @NoBody()
  @HttpCode(204)
  @AdminOnly()
  @ApiOperation({
    operationId: 'archiveProduct',
    summary: 'Archive: no longer listed or orderable, still shown in old orders',
    description:
      'Admins only. The product stays in existing orders and reports; archiving twice is a 409. ' +
      'Send the ETag of the product read as If-Match to archive it only if it is still that version (412 otherwise).',
  })
  @ApiNoContentResponse({ description: 'Archived.' })
  @ApiProblems(400, 404, 409, 412)
  async archive(@PathId() id: string, @IfMatchVersions() expectedVersions: readonly number[] | undefined): Promise<void> {
    await this.archiveProduct.execute(id, expectedVersions);
  }
}
