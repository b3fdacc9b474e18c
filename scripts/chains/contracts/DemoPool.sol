// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20Pool {
    function balanceOf(address account) external view returns (uint256);
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/// @title A small constant-product (x * y = k) pool of two ERC-20s for the Meridian local dev chain, 0.3% fee.
/// @notice No LP shares: liquidity is whatever the pool holds when `sync` runs (the dev chain credits the pool's token
/// balances at start and calls `sync`). swapExactIn pulls `amountIn` of `tokenIn` from the caller (allowance needed)
/// and sends at least `minOut` of the other token to `to`. Demo only: no value.
contract DemoPool {
    address public immutable token0;
    address public immutable token1;
    uint256 public reserve0;
    uint256 public reserve1;

    event Sync(uint256 reserve0, uint256 reserve1);
    event Swap(address indexed sender, address indexed tokenIn, uint256 amountIn, uint256 amountOut, address indexed to);

    constructor(address token0_, address token1_) {
        require(token0_ != token1_, "Pool: identical tokens");
        token0 = token0_;
        token1 = token1_;
    }

    /// Reserves := the pool's balances.
    function sync() external {
        reserve0 = IERC20Pool(token0).balanceOf(address(this));
        reserve1 = IERC20Pool(token1).balanceOf(address(this));
        emit Sync(reserve0, reserve1);
    }

    /// out = amountIn * 997 * reserveOut / (reserveIn * 1000 + amountIn * 997), rounded down.
    function getAmountOut(address tokenIn, uint256 amountIn) public view returns (uint256) {
        (uint256 rIn, uint256 rOut) = _reserves(tokenIn);
        require(rIn > 0 && rOut > 0, "Pool: no liquidity");
        uint256 inWithFee = amountIn * 997;
        return (inWithFee * rOut) / (rIn * 1000 + inWithFee);
    }

    function swapExactIn(address tokenIn, uint256 amountIn, uint256 minOut, address to) external returns (uint256 amountOut) {
        require(amountIn > 0, "Pool: zero input");
        amountOut = getAmountOut(tokenIn, amountIn);
        require(amountOut > 0, "Pool: zero output");
        require(amountOut >= minOut, "Pool: output below minOut");
        address tokenOut = tokenIn == token0 ? token1 : token0;
        require(IERC20Pool(tokenIn).transferFrom(msg.sender, address(this), amountIn), "Pool: pull failed");
        require(IERC20Pool(tokenOut).transfer(to, amountOut), "Pool: push failed");
        if (tokenIn == token0) {
            reserve0 += amountIn;
            reserve1 -= amountOut;
        } else {
            reserve1 += amountIn;
            reserve0 -= amountOut;
        }
        emit Swap(msg.sender, tokenIn, amountIn, amountOut, to);
        emit Sync(reserve0, reserve1);
    }

    function _reserves(address tokenIn) private view returns (uint256 rIn, uint256 rOut) {
        if (tokenIn == token0) return (reserve0, reserve1);
        require(tokenIn == token1, "Pool: unknown token");
        return (reserve1, reserve0);
    }
}
