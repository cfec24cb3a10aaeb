import { createArticle, getArticle, listArticles, updateArticle } from '@workmate/db/inventory/articles';
import { createLocation, listLocations, listSupplierChoices } from '@workmate/db/inventory/locations';
import { listReorderProposals } from '@workmate/db/inventory/reorder';
import { articleOnHand, listMoves, listStock, postManualMove } from '@workmate/db/inventory/stock';
import { closeStocktake, enterCount, getStocktake, listStocktakes, startStocktake } from '@workmate/db/inventory/stocktakes';
import { articleLineDefaults } from '@workmate/db/inventory/line-articles';
import {
  ArticleCreateInput,
  ArticleLineDefaultsInput,
  ArticleListInput,
  ArticleUpdateInput,
  LocationCreateInput,
  MoveListInput,
  StockListInput,
  StockMoveInput,
  StocktakeCountInput,
  StocktakeListInput,
  StocktakeStartInput,
} from '@workmate/domain/inventory';
import { IdInput } from '@workmate/domain/schemas/common';
import { permissionProcedure, router } from '../../trpc.ts';
import { ordersRouter } from './orders.ts';
import { purchasingRouter } from './purchasing.ts';

const read = permissionProcedure('inventory.read');
const write = permissionProcedure('inventory.write');
const manage = permissionProcedure('inventory.manage');

/**
 * Inventory (Warenwirtschaft): articles, locations, stock by location, the stock ledger,
 * stocktakes and the reorder list. Every change of stock goes through one service (postMoves).
 */
export const inventoryRouter = router({
  articles: router({
    list: read.input(ArticleListInput).query(({ ctx, input }) => listArticles(ctx.em, input)),
    get: read.input(IdInput).query(({ ctx, input }) => getArticle(ctx.em, input.id)),
    create: write.input(ArticleCreateInput).mutation(({ ctx, input }) => createArticle(ctx.em, input)),
    update: write.input(ArticleUpdateInput).mutation(({ ctx, input }) => updateArticle(ctx.em, input)),
    /** Description, unit, list price and VAT rate for an invoice or quote line selling the article (send them with its articleId). */
    lineDefaults: read.input(ArticleLineDefaultsInput).query(({ ctx, input }) => articleLineDefaults(ctx.em, input.articleId, input.quantity)),
  }),
  locations: router({
    list: read.query(({ ctx }) => listLocations(ctx.em)),
    create: manage.input(LocationCreateInput).mutation(({ ctx, input }) => createLocation(ctx.em, input)),
  }),
  /** Suppliers to pick for purchase prices and purchase orders. */
  suppliers: read.query(({ ctx }) => listSupplierChoices(ctx.em)),
  stock: router({
    list: read.input(StockListInput).query(({ ctx, input }) => listStock(ctx.em, input)),
    /** On hand and reserved of one article in the locations that hold goods (read from the balances). */
    onHand: read.input(MoveListInput.pick({ articleId: true })).query(({ ctx, input }) => articleOnHand(ctx.em, input.articleId)),
    moves: read.input(MoveListInput).query(({ ctx, input }) => listMoves(ctx.em, input)),
    move: write.input(StockMoveInput).mutation(({ ctx, input }) => postManualMove(ctx.em, input)),
    reorder: read.query(({ ctx }) => listReorderProposals(ctx.em)),
  }),
  stocktakes: router({
    list: read.input(StocktakeListInput).query(({ ctx, input }) => listStocktakes(ctx.em, input)),
    get: read.input(IdInput).query(({ ctx, input }) => getStocktake(ctx.em, input.id)),
    start: manage.input(StocktakeStartInput).mutation(({ ctx, input }) => startStocktake(ctx.em, input)),
    count: write.input(StocktakeCountInput).mutation(({ ctx, input }) => enterCount(ctx.em, input)),
    close: manage.input(IdInput).mutation(({ ctx, input }) => closeStocktake(ctx.em, input.id)),
  }),
  orders: ordersRouter,
  purchasing: purchasingRouter,
});
