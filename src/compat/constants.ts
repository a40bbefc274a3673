/**
 * The constants of the official `MetaTrader5` Python package, same names, same numeric values
 * (from its type stub and the MQL5 reference), so a ported script keeps `mt5.TIMEFRAME_H1`,
 * `mt5.ORDER_TYPE_BUY_LIMIT`, `mt5.TRADE_RETCODE_DONE`… Where the Web Terminal's wire numbering
 * differs (the account type, the market actions), the compat functions translate.
 */

/** Timeframes (`TIMEFRAME_*`): minutes below an hour; hours `0x4000 | h`, `W1` `0x8000 | 1`, `MN1` `0xC000 | 1`. */
export const TIMEFRAME_M1 = 1
export const TIMEFRAME_M2 = 2
export const TIMEFRAME_M3 = 3
export const TIMEFRAME_M4 = 4
export const TIMEFRAME_M5 = 5
export const TIMEFRAME_M6 = 6
export const TIMEFRAME_M10 = 10
export const TIMEFRAME_M12 = 12
export const TIMEFRAME_M15 = 15
export const TIMEFRAME_M20 = 20
export const TIMEFRAME_M30 = 30
export const TIMEFRAME_H1 = 16385
export const TIMEFRAME_H2 = 16386
export const TIMEFRAME_H3 = 16387
export const TIMEFRAME_H4 = 16388
export const TIMEFRAME_H6 = 16390
export const TIMEFRAME_H8 = 16392
export const TIMEFRAME_H12 = 16396
export const TIMEFRAME_D1 = 16408
export const TIMEFRAME_W1 = 32769
export const TIMEFRAME_MN1 = 49153

/** `copy_ticks_*` flags. */
export const COPY_TICKS_ALL = -1
export const COPY_TICKS_INFO = 1
export const COPY_TICKS_TRADE = 2

/** Tick flags (`flags` of a `copy_ticks_*` record). */
export const TICK_FLAG_BID = 2
export const TICK_FLAG_ASK = 4
export const TICK_FLAG_LAST = 8
export const TICK_FLAG_VOLUME = 16
export const TICK_FLAG_BUY = 32
export const TICK_FLAG_SELL = 64

/** `ENUM_POSITION_TYPE`. */
export const POSITION_TYPE_BUY = 0
export const POSITION_TYPE_SELL = 1

/** `ENUM_POSITION_REASON`. */
export const POSITION_REASON_CLIENT = 0
export const POSITION_REASON_MOBILE = 1
export const POSITION_REASON_WEB = 2
export const POSITION_REASON_EXPERT = 3

/** `ENUM_ORDER_TYPE`. */
export const ORDER_TYPE_BUY = 0
export const ORDER_TYPE_SELL = 1
export const ORDER_TYPE_BUY_LIMIT = 2
export const ORDER_TYPE_SELL_LIMIT = 3
export const ORDER_TYPE_BUY_STOP = 4
export const ORDER_TYPE_SELL_STOP = 5
export const ORDER_TYPE_BUY_STOP_LIMIT = 6
export const ORDER_TYPE_SELL_STOP_LIMIT = 7
export const ORDER_TYPE_CLOSE_BY = 8

/** `ENUM_ORDER_STATE`. */
export const ORDER_STATE_STARTED = 0
export const ORDER_STATE_PLACED = 1
export const ORDER_STATE_CANCELED = 2
export const ORDER_STATE_PARTIAL = 3
export const ORDER_STATE_FILLED = 4
export const ORDER_STATE_REJECTED = 5
export const ORDER_STATE_EXPIRED = 6
export const ORDER_STATE_REQUEST_ADD = 7
export const ORDER_STATE_REQUEST_MODIFY = 8
export const ORDER_STATE_REQUEST_CANCEL = 9

/** `ENUM_ORDER_TYPE_FILLING` (`BOC`, book-or-cancel, is MQL5's; the Python stub lists FOK/IOC/RETURN). */
export const ORDER_FILLING_FOK = 0
export const ORDER_FILLING_IOC = 1
export const ORDER_FILLING_RETURN = 2
export const ORDER_FILLING_BOC = 3

/** `ENUM_ORDER_TYPE_TIME`. */
export const ORDER_TIME_GTC = 0
export const ORDER_TIME_DAY = 1
export const ORDER_TIME_SPECIFIED = 2
export const ORDER_TIME_SPECIFIED_DAY = 3

/** `ENUM_ORDER_REASON`. */
export const ORDER_REASON_CLIENT = 0
export const ORDER_REASON_MOBILE = 1
export const ORDER_REASON_WEB = 2
export const ORDER_REASON_EXPERT = 3
export const ORDER_REASON_SL = 4
export const ORDER_REASON_TP = 5
export const ORDER_REASON_SO = 6

/** `ENUM_DEAL_TYPE` (the official names: the last three have no `TYPE_`). */
export const DEAL_TYPE_BUY = 0
export const DEAL_TYPE_SELL = 1
export const DEAL_TYPE_BALANCE = 2
export const DEAL_TYPE_CREDIT = 3
export const DEAL_TYPE_CHARGE = 4
export const DEAL_TYPE_CORRECTION = 5
export const DEAL_TYPE_BONUS = 6
export const DEAL_TYPE_COMMISSION = 7
export const DEAL_TYPE_COMMISSION_DAILY = 8
export const DEAL_TYPE_COMMISSION_MONTHLY = 9
export const DEAL_TYPE_COMMISSION_AGENT_DAILY = 10
export const DEAL_TYPE_COMMISSION_AGENT_MONTHLY = 11
export const DEAL_TYPE_INTEREST = 12
export const DEAL_TYPE_BUY_CANCELED = 13
export const DEAL_TYPE_SELL_CANCELED = 14
export const DEAL_DIVIDEND = 15
export const DEAL_DIVIDEND_FRANKED = 16
export const DEAL_TAX = 17

/** `ENUM_DEAL_ENTRY`. */
export const DEAL_ENTRY_IN = 0
export const DEAL_ENTRY_OUT = 1
export const DEAL_ENTRY_INOUT = 2
export const DEAL_ENTRY_OUT_BY = 3

/** `ENUM_DEAL_REASON`. */
export const DEAL_REASON_CLIENT = 0
export const DEAL_REASON_MOBILE = 1
export const DEAL_REASON_WEB = 2
export const DEAL_REASON_EXPERT = 3
export const DEAL_REASON_SL = 4
export const DEAL_REASON_TP = 5
export const DEAL_REASON_SO = 6
export const DEAL_REASON_ROLLOVER = 7
export const DEAL_REASON_VMARGIN = 8
export const DEAL_REASON_SPLIT = 9

/** `ENUM_TRADE_REQUEST_ACTIONS` (`order_send`'s `action`; DEAL is mapped to the wire's market actions). */
export const TRADE_ACTION_DEAL = 1
export const TRADE_ACTION_PENDING = 5
export const TRADE_ACTION_SLTP = 6
export const TRADE_ACTION_MODIFY = 7
export const TRADE_ACTION_REMOVE = 8
export const TRADE_ACTION_CLOSE_BY = 10

/** `ENUM_SYMBOL_CHART_MODE`. */
export const SYMBOL_CHART_MODE_BID = 0
export const SYMBOL_CHART_MODE_LAST = 1

/** `ENUM_SYMBOL_CALC_MODE`. */
export const SYMBOL_CALC_MODE_FOREX = 0
export const SYMBOL_CALC_MODE_FUTURES = 1
export const SYMBOL_CALC_MODE_CFD = 2
export const SYMBOL_CALC_MODE_CFDINDEX = 3
export const SYMBOL_CALC_MODE_CFDLEVERAGE = 4
export const SYMBOL_CALC_MODE_FOREX_NO_LEVERAGE = 5
export const SYMBOL_CALC_MODE_EXCH_STOCKS = 32
export const SYMBOL_CALC_MODE_EXCH_FUTURES = 33
export const SYMBOL_CALC_MODE_EXCH_FUTURES_FORTS = 34
export const SYMBOL_CALC_MODE_EXCH_OPTIONS = 35
export const SYMBOL_CALC_MODE_EXCH_OPTIONS_MARGIN = 36
export const SYMBOL_CALC_MODE_EXCH_BONDS = 37
export const SYMBOL_CALC_MODE_EXCH_STOCKS_MOEX = 38
export const SYMBOL_CALC_MODE_EXCH_BONDS_MOEX = 39
export const SYMBOL_CALC_MODE_SERV_COLLATERAL = 64

/** `ENUM_SYMBOL_TRADE_MODE`. */
export const SYMBOL_TRADE_MODE_DISABLED = 0
export const SYMBOL_TRADE_MODE_LONGONLY = 1
export const SYMBOL_TRADE_MODE_SHORTONLY = 2
export const SYMBOL_TRADE_MODE_CLOSEONLY = 3
export const SYMBOL_TRADE_MODE_FULL = 4

/** `ENUM_SYMBOL_TRADE_EXECUTION`. */
export const SYMBOL_TRADE_EXECUTION_REQUEST = 0
export const SYMBOL_TRADE_EXECUTION_INSTANT = 1
export const SYMBOL_TRADE_EXECUTION_MARKET = 2
export const SYMBOL_TRADE_EXECUTION_EXCHANGE = 3

/** `ENUM_SYMBOL_SWAP_MODE`. */
export const SYMBOL_SWAP_MODE_DISABLED = 0
export const SYMBOL_SWAP_MODE_POINTS = 1
export const SYMBOL_SWAP_MODE_CURRENCY_SYMBOL = 2
export const SYMBOL_SWAP_MODE_CURRENCY_MARGIN = 3
export const SYMBOL_SWAP_MODE_CURRENCY_DEPOSIT = 4
export const SYMBOL_SWAP_MODE_INTEREST_CURRENT = 5
export const SYMBOL_SWAP_MODE_INTEREST_OPEN = 6
export const SYMBOL_SWAP_MODE_REOPEN_CURRENT = 7
export const SYMBOL_SWAP_MODE_REOPEN_BID = 8

/** `ENUM_SYMBOL_ORDER_GTC_MODE`. */
export const SYMBOL_ORDERS_GTC = 0
export const SYMBOL_ORDERS_DAILY = 1
export const SYMBOL_ORDERS_DAILY_NO_STOPS = 2

/** `ENUM_SYMBOL_OPTION_RIGHT`. */
export const SYMBOL_OPTION_RIGHT_CALL = 0
export const SYMBOL_OPTION_RIGHT_PUT = 1

/** `ENUM_SYMBOL_OPTION_MODE`. */
export const SYMBOL_OPTION_MODE_EUROPEAN = 0
export const SYMBOL_OPTION_MODE_AMERICAN = 1

/** `SYMBOL_FILLING_MODE` flags (a symbol's allowed fillings, bit per `ORDER_FILLING_*`). */
export const SYMBOL_FILLING_FOK = 1
export const SYMBOL_FILLING_IOC = 2
export const SYMBOL_FILLING_BOC = 4

/** `SYMBOL_EXPIRATION_MODE` flags. */
export const SYMBOL_EXPIRATION_GTC = 1
export const SYMBOL_EXPIRATION_DAY = 2
export const SYMBOL_EXPIRATION_SPECIFIED = 4
export const SYMBOL_EXPIRATION_SPECIFIED_DAY = 8

/** `SYMBOL_ORDER_MODE` flags. */
export const SYMBOL_ORDER_MARKET = 1
export const SYMBOL_ORDER_LIMIT = 2
export const SYMBOL_ORDER_STOP = 4
export const SYMBOL_ORDER_STOP_LIMIT = 8
export const SYMBOL_ORDER_SL = 16
export const SYMBOL_ORDER_TP = 32
export const SYMBOL_ORDER_CLOSEBY = 64

/** `ENUM_DAY_OF_WEEK`. */
export const DAY_OF_WEEK_SUNDAY = 0
export const DAY_OF_WEEK_MONDAY = 1
export const DAY_OF_WEEK_TUESDAY = 2
export const DAY_OF_WEEK_WEDNESDAY = 3
export const DAY_OF_WEEK_THURSDAY = 4
export const DAY_OF_WEEK_FRIDAY = 5
export const DAY_OF_WEEK_SATURDAY = 6

/** `ENUM_ACCOUNT_TRADE_MODE` (official numbering: not the wire's account `type`, where 0 is real). */
export const ACCOUNT_TRADE_MODE_DEMO = 0
export const ACCOUNT_TRADE_MODE_CONTEST = 1
export const ACCOUNT_TRADE_MODE_REAL = 2

/** `ENUM_ACCOUNT_STOPOUT_MODE`. */
export const ACCOUNT_STOPOUT_MODE_PERCENT = 0
export const ACCOUNT_STOPOUT_MODE_MONEY = 1

/** `ENUM_ACCOUNT_MARGIN_MODE`. */
export const ACCOUNT_MARGIN_MODE_RETAIL_NETTING = 0
export const ACCOUNT_MARGIN_MODE_EXCHANGE = 1
export const ACCOUNT_MARGIN_MODE_RETAIL_HEDGING = 2

/** `ENUM_BOOK_TYPE`. */
export const BOOK_TYPE_SELL = 1
export const BOOK_TYPE_BUY = 2
export const BOOK_TYPE_SELL_MARKET = 3
export const BOOK_TYPE_BUY_MARKET = 4

/** `order_send` / `order_check` return codes (`TRADE_RETCODE_*`). */
export const TRADE_RETCODE_REQUOTE = 10004
export const TRADE_RETCODE_REJECT = 10006
export const TRADE_RETCODE_CANCEL = 10007
export const TRADE_RETCODE_PLACED = 10008
export const TRADE_RETCODE_DONE = 10009
export const TRADE_RETCODE_DONE_PARTIAL = 10010
export const TRADE_RETCODE_ERROR = 10011
export const TRADE_RETCODE_TIMEOUT = 10012
export const TRADE_RETCODE_INVALID = 10013
export const TRADE_RETCODE_INVALID_VOLUME = 10014
export const TRADE_RETCODE_INVALID_PRICE = 10015
export const TRADE_RETCODE_INVALID_STOPS = 10016
export const TRADE_RETCODE_TRADE_DISABLED = 10017
export const TRADE_RETCODE_MARKET_CLOSED = 10018
export const TRADE_RETCODE_NO_MONEY = 10019
export const TRADE_RETCODE_PRICE_CHANGED = 10020
export const TRADE_RETCODE_PRICE_OFF = 10021
export const TRADE_RETCODE_INVALID_EXPIRATION = 10022
export const TRADE_RETCODE_ORDER_CHANGED = 10023
export const TRADE_RETCODE_TOO_MANY_REQUESTS = 10024
export const TRADE_RETCODE_NO_CHANGES = 10025
export const TRADE_RETCODE_SERVER_DISABLES_AT = 10026
export const TRADE_RETCODE_CLIENT_DISABLES_AT = 10027
export const TRADE_RETCODE_LOCKED = 10028
export const TRADE_RETCODE_FROZEN = 10029
export const TRADE_RETCODE_INVALID_FILL = 10030
export const TRADE_RETCODE_CONNECTION = 10031
export const TRADE_RETCODE_ONLY_REAL = 10032
export const TRADE_RETCODE_LIMIT_ORDERS = 10033
export const TRADE_RETCODE_LIMIT_VOLUME = 10034
export const TRADE_RETCODE_INVALID_ORDER = 10035
export const TRADE_RETCODE_POSITION_CLOSED = 10036
export const TRADE_RETCODE_INVALID_CLOSE_VOLUME = 10038
export const TRADE_RETCODE_CLOSE_ORDER_EXIST = 10039
export const TRADE_RETCODE_LIMIT_POSITIONS = 10040
export const TRADE_RETCODE_REJECT_CANCEL = 10041
export const TRADE_RETCODE_LONG_ONLY = 10042
export const TRADE_RETCODE_SHORT_ONLY = 10043
export const TRADE_RETCODE_CLOSE_ONLY = 10044
export const TRADE_RETCODE_FIFO_CLOSE = 10045

/** `last_error()` codes of the official package (`RES_*`); compat failures use the negative ones. */
export const RES_S_OK = 1
export const RES_E_FAIL = -1
export const RES_E_INVALID_PARAMS = -2
export const RES_E_NO_MEMORY = -3
export const RES_E_NOT_FOUND = -4
export const RES_E_INVALID_VERSION = -5
export const RES_E_AUTH_FAILED = -6
export const RES_E_UNSUPPORTED = -7
export const RES_E_AUTO_TRADING_DISABLED = -8
export const RES_E_INTERNAL_FAIL = -10000
export const RES_E_INTERNAL_FAIL_SEND = -10001
export const RES_E_INTERNAL_FAIL_RECEIVE = -10002
export const RES_E_INTERNAL_FAIL_INIT = -10003
export const RES_E_INTERNAL_FAIL_CONNECT = -10004
export const RES_E_INTERNAL_FAIL_TIMEOUT = -10005
