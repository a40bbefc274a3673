/** Wire volume units → lots for push paths (see `volumeToLots`). */
export { volumeToLots as lotsOf } from '../../model/lots.js'
